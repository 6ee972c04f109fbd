{{/* Names and labels shared by every template. */}}
{{- define "emostream.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "emostream.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "emostream.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "emostream.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* Kafka client settings as environment variables read by the services (EMOSTREAM_KAFKA_*). */}}
{{- define "emostream.kafkaEnv" -}}
- name: EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
{{- if and .Values.kafka.tls.enabled .Values.kafka.sasl.enabled }}
- name: EMOSTREAM_KAFKA_SECURITY_PROTOCOL
  value: SASL_SSL
{{- else if .Values.kafka.tls.enabled }}
- name: EMOSTREAM_KAFKA_SECURITY_PROTOCOL
  value: SSL
{{- else if .Values.kafka.sasl.enabled }}
- name: EMOSTREAM_KAFKA_SECURITY_PROTOCOL
  value: SASL_PLAINTEXT
{{- end }}
{{- if .Values.kafka.tls.enabled }}
- name: EMOSTREAM_KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: EMOSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/emostream/kafka-tls/ca.crt
{{- end }}
{{- if .Values.kafka.sasl.enabled }}
- name: EMOSTREAM_KAFKA_SASL_MECHANISM
  value: {{ .Values.kafka.sasl.mechanism | quote }}
- name: EMOSTREAM_KAFKA_SASL_USERNAME
  valueFrom: {secretKeyRef: {name: {{ .Values.kafka.sasl.secretName | quote }}, key: username}}
- name: EMOSTREAM_KAFKA_SASL_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ .Values.kafka.sasl.secretName | quote }}, key: password}}
{{- end }}
{{- end -}}

{{- define "emostream.kafkaVolumeMounts" -}}
{{- if .Values.kafka.tls.enabled }}
- {name: kafka-tls, mountPath: /etc/emostream/kafka-tls, readOnly: true}
{{- end }}
{{- end -}}

{{- define "emostream.kafkaVolumes" -}}
{{- if .Values.kafka.tls.enabled }}
- name: kafka-tls
  secret: {secretName: {{ .Values.kafka.tls.secretName | quote }}}
{{- end }}
{{- end -}}

{{- define "emostream.probes" -}}
readinessProbe:
  httpGet: {path: /health, port: http}
  initialDelaySeconds: 10
  periodSeconds: 10
livenessProbe:
  # /live: restart only when the process itself is stuck (ingest: a camera that cannot connect is not that)
  httpGet: {path: /live, port: http}
  initialDelaySeconds: 60
  periodSeconds: 20
  failureThreshold: 6
{{- end -}}
