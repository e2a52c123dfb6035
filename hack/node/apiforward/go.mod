// Forwards the API server to the real node's pods (hack/node/up.sh): the standard library only.
module podblueprint.io/hack/node/apiforward

go 1.25.0
