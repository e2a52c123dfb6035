{{/* The image: repository and tag, the tag defaulting to the chart's appVersion, never latest. */}}
{{- define "podblueprint.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag: latest is refused; name a version (the default is the chart's appVersion)" -}}
{{- end -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}

{{/* The labels every object of the operator carries (the same as k8s/deploy/base). */}}
{{- define "podblueprint.labels" -}}
app.kubernetes.io/name: podblueprint-operator
app.kubernetes.io/part-of: podblueprint
{{- end -}}
