//go:build tools

// Pins Helm 4 for hack/clients/build.sh, which builds helm.sh/helm/v4/cmd/helm from this module.
package tools

import _ "helm.sh/helm/v4/cmd/helm"
