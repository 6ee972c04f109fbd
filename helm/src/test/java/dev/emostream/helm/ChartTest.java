package dev.emostream.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The chart, linted and rendered by an embedded Helm, with assertions on the manifests. */
class ChartTest {
    private static final Path CHART = Path.of("emostream");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Helm helm = new Helm(CHART);

    private List<JsonNode> render(UnaryOperator<TemplateCommand> values) throws Exception {
        String out = values.apply(helm.template().withName("shop").withNamespace("retail")).call();
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(out)) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static List<JsonNode> kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode processor(List<JsonNode> docs) {
        return kind(docs, "Deployment").stream().filter(d -> d.at("/metadata/name").asText().endsWith("-processor")).findFirst().orElseThrow();
    }

    @Test
    void lintPassesForTheDefaults() {
        LintResult lint = helm.lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderProbesSecurityContextsAndResourcesEverywhere() throws Exception {
        // Given the default values
        List<JsonNode> docs = render(t -> t);

        // Then there is an ingest and a processor Deployment with Services, a PDB, and no GPU anywhere
        List<JsonNode> deployments = kind(docs, "Deployment");
        assertThat(deployments).extracting(d -> d.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("shop-emostream-ingest-default", "shop-emostream-processor", "shop-emostream-console");
        assertThat(kind(docs, "Service")).hasSize(3);
        assertThat(kind(docs, "PodDisruptionBudget")).hasSize(1);
        assertThat(kind(docs, "ScaledObject")).isEmpty();
        assertThat(kind(docs, "Job")).isEmpty(); // the topics Job is a Helm hook: not part of the manifest
        for (JsonNode d : deployments) {
            JsonNode pod = d.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            for (JsonNode c : pod.path("containers")) {
                assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health");
                assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/live");
                assertThat(c.at("/resources/requests/cpu").isMissingNode()).isFalse();
                assertThat(c.at("/resources/requests/memory").isMissingNode()).isFalse();
                assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(c.toString()).doesNotContain("nvidia.com/gpu");
            }
            assertThat(pod.path("tolerations").isMissingNode()).isTrue();
        }
        JsonNode processor = processor(docs);
        assertThat(processor.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(processor.at("/spec/template/spec/initContainers/0/name").asText()).isEqualTo("fetch-face-detector");
        // The init container fetches YuNet (the default detector) and the SSD, each checked against its sha256
        String fetch = processor.at("/spec/template/spec/initContainers/0/args/0").asText();
        assertThat(fetch).contains("face_detection_yunet_2023mar.onnx")
                .contains("8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4  face_detection_yunet_2023mar.onnx\" | sha256sum -c -")
                .contains("opencv_face_detector_uint8.pb");
        assertThat(processor.at("/spec/template/spec/containers/0/args").toString())
                .contains("--detector=auto").contains("emostream.detector.input.width=320")
                .contains("emostream.tracks.topic=face-tracks").contains("emostream.tracking=true").contains("emostream.classify.interval=5");
        // static membership by pod name, so a container restarted in its pod takes its partitions back at once
        assertThat(processor.at("/spec/template/spec/containers/0/args").toString()).contains("emostream.instance.id=$(POD_NAME)");
        assertThat(processor.at("/spec/template/spec/containers/0/env").toString()).contains("POD_NAME").contains("metadata.name");
        assertThat(processor.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("ghcr.io/emostream/emostream-processor:0.1.0");
        assertThat(processor.at("/spec/template/spec/containers/0/env").toString()).contains("EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS").contains("kafka:9092")
                .contains("EMOSTREAM_CACHE");
    }

    @Test
    void gpuPutsTheGpuUnderLimitsOnlyWithNodeSelectorTolerationAndTheCudaImage() throws Exception {
        // Given the GPU switch on
        JsonNode processor = processor(render(t -> t.set("processor.gpu.enabled", "true")));

        // Then the processor asks for one nvidia.com/gpu under limits (not requests), on GPU nodes, with the GPU image
        JsonNode pod = processor.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
        assertThat(container.at("/resources/requests/nvidia.com~1gpu").isMissingNode()).isTrue();
        assertThat(container.at("/image").asText()).contains("emostream-processor-gpu");
        assertThat(pod.at("/nodeSelector/nvidia.com~1gpu.present").asText()).isEqualTo("true");
        assertThat(pod.path("tolerations")).anySatisfy(t -> {
            assertThat(t.path("key").asText()).isEqualTo("nvidia.com/gpu");
            assertThat(t.path("effect").asText()).isEqualTo("NoSchedule");
        });
    }

    @Test
    void autoscalingAddsAKedaKafkaScalerCappedAtThePartitionCount() throws Exception {
        // Given autoscaling on, at the frames topic's 12 partitions
        List<JsonNode> docs = render(t -> t.set("processor.autoscaling.enabled", "true"));

        // Then KEDA scales the processor on the frames topic's lag, and the Deployment leaves replicas to it
        JsonNode scaled = kind(docs, "ScaledObject").get(0);
        assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isEqualTo(12);
        assertThat(scaled.at("/spec/triggers/0/type").asText()).isEqualTo("kafka");
        assertThat(scaled.at("/spec/triggers/0/metadata/topic").asText()).isEqualTo("frames");
        assertThat(scaled.at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo("emostream-processor");
        assertThat(processor(docs).at("/spec/replicas").isMissingNode()).isTrue();

        // And more replicas than partitions is refused with the reason
        assertThatThrownBy(() -> render(t -> t.set("processor.autoscaling.enabled", "true").set("processor.autoscaling.maxReplicas", "20")))
                .hasMessageContaining("maxReplicas (20) must not exceed kafka.topics.frames.partitions (12)");
    }

    @Test
    void tlsAndSaslComeFromSecrets() throws Exception {
        // Given TLS and SCRAM on, from Secrets
        List<JsonNode> docs = render(t -> t.set("kafka.tls.enabled", "true").set("kafka.tls.secretName", "kafka-ca")
                .set("kafka.sasl.enabled", "true").set("kafka.sasl.secretName", "kafka-user"));

        // Then every service gets SASL_SSL, the CA mounted from the Secret, and credentials from the Secret
        for (JsonNode d : kind(docs, "Deployment")) {
            JsonNode pod = d.at("/spec/template/spec");
            String env = pod.at("/containers/0/env").toString();
            assertThat(env).contains("SASL_SSL").contains("/etc/emostream/kafka-tls/ca.crt").contains("kafka-user");
            assertThat(env).doesNotContain("password\":\"");
            assertThat(pod.path("volumes").toString()).contains("kafka-ca");
        }
        assertThat(kind(docs, "ScaledObject")).isEmpty();
    }

    @Test
    void camerasBecomeOneDeploymentPerGroupWithItsCameraFile() throws Exception {
        // Given two camera groups
        List<JsonNode> docs = render(t -> t
                .set("ingest.groups[0].name", "front").set("ingest.groups[0].cameras[0].id", "door")
                .set("ingest.groups[0].cameras[0].uri", "rtsp://10.0.0.7/stream1")
                .set("ingest.groups[1].name", "back").set("ingest.groups[1].cameras[0].id", "dock")
                .set("ingest.groups[1].cameras[0].uri", "rtsp://10.0.0.9/live"));

        // Then each group is one single-replica Deployment reading its own cameras.yaml
        assertThat(kind(docs, "Deployment")).extracting(d -> d.at("/metadata/name").asText())
                .contains("shop-emostream-ingest-front", "shop-emostream-ingest-back");
        JsonNode front = kind(docs, "ConfigMap").stream().filter(c -> c.at("/metadata/name").asText().endsWith("ingest-front"))
                .findFirst().orElseThrow();
        assertThat(front.at("/data/cameras.yaml").asText()).contains("door").contains("rtsp://10.0.0.7/stream1").doesNotContain("dock");
    }

    @Test
    void trainerJobServiceMonitorAndDashboardAreSwitches() throws Exception {
        List<JsonNode> docs = render(t -> t.set("trainer.enabled", "true").set("trainer.dataClaimName", "fer2013")
                .set("trainer.outputClaimName", "models").set("trainer.gpu.enabled", "true")
                .set("metrics.serviceMonitor.enabled", "true").set("metrics.grafanaDashboard.enabled", "true"));
        JsonNode job = component(kind(docs, "Job"), "trainer");
        assertThat(job.at("/spec/template/spec/containers/0/args").toString()).contains("train").contains("/output/run-1");
        assertThat(job.at("/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
        assertThat(kind(docs, "ServiceMonitor")).hasSize(1);
        JsonNode dashboard = kind(docs, "ConfigMap").stream().filter(c -> c.at("/metadata/labels/grafana_dashboard").asText().equals("1"))
                .findFirst().orElseThrow();
        JsonNode grafana = new ObjectMapper().readTree(dashboard.at("/data/emostream.json").asText());
        assertThat(grafana.path("panels").toString()).contains("emostream_processor_frames_total")
                .contains("emostream_ingest_reconnects_total").contains("capture_to_event").contains("lag");
    }

    @Test
    void aHookJobCreatesTheTopicsUnderTheirConfiguredNamesWithTheKafkaSettings() throws Exception {
        // Given renamed frames with 24 partitions and SASL (rendered as a plain Job: the embedded Helm leaves hooks out
        // of the manifest, and the hook differs only by its annotations, checked in the template)
        List<JsonNode> docs = render(t -> t.set("kafka.topics.frames.name", "shop-frames").set("kafka.topics.frames.partitions", "24")
                .set("kafka.sasl.enabled", "true").set("kafka.sasl.secretName", "kafka-user").set("kafka.createTopics.hook", "false"));

        // Then a Job runs 'emostream topics' with the names, the partitions and the Kafka credentials
        JsonNode job = component(kind(docs, "Job"), "topics");
        assertThat(java.nio.file.Files.readString(CHART.resolve("templates/topics-job.yaml")))
                .contains("helm.sh/hook: pre-install,pre-upgrade");
        String args = job.at("/spec/template/spec/containers/0/args").toString();
        assertThat(args).startsWith("[\"topics\"").contains("\"frames=shop-frames\"").contains("\"frames=24\"")
                .contains("\"emotion-events=emotion-events\"").contains("\"--replication-factor\",\"3\"");
        assertThat(job.at("/spec/template/spec/containers/0/env").toString()).contains("EMOSTREAM_KAFKA_SASL_PASSWORD");
        // and it can be switched off
        assertThat(kind(render(t -> t.set("kafka.createTopics.enabled", "false").set("kafka.createTopics.hook", "false")), "Job")).isEmpty();
    }

    @Test
    void theConsoleDeploysWithItsTokenFromASecretAServiceAndAnOptionalIngress() throws Exception {
        // Given the defaults: a chart-made token Secret, no Ingress
        List<JsonNode> docs = render(t -> t);
        JsonNode console = component(kind(docs, "Deployment"), "console");
        JsonNode container = console.at("/spec/template/spec/containers/0");
        assertThat(container.at("/image").asText()).isEqualTo("ghcr.io/emostream/emostream-console:0.1.0");
        assertThat(container.at("/args").toString()).contains("emostream.console.bind=0.0.0.0").contains("emostream.stats.topic=emotion-stats")
                .contains("emostream.console.url.fetch=false");
        assertThat(container.at("/env").toString()).contains("EMOSTREAM_API_TOKENS").contains("shop-emostream-console-token")
                .contains("EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS");
        // (the chart-made Secret is a pre-install hook, left out of the manifest by the embedded Helm: checked in the template)
        assertThat(java.nio.file.Files.readString(CHART.resolve("templates/console.yaml"))).contains("helm.sh/hook: pre-install")
                .contains("tokens: {{ randAlphaNum 40 | b64enc }}");
        assertThat(kind(docs, "Ingress")).isEmpty();

        // When the operator brings a Secret and an Ingress with TLS
        docs = render(t -> t.set("console.tokenSecretName", "shop-console").set("console.ingress.enabled", "true")
                .set("console.ingress.host", "emotions.shop.example").set("console.ingress.tlsSecretName", "shop-tls"));

        // Then the chart makes no Secret, reads the operator's, and routes the host to the console over TLS
        assertThat(kind(docs, "Secret")).isEmpty();
        assertThat(component(kind(docs, "Deployment"), "console").at("/spec/template/spec/containers/0/env").toString()).contains("shop-console");
        JsonNode ingress = kind(docs, "Ingress").get(0);
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("emotions.shop.example");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("shop-tls");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("shop-emostream-console");
        // and it can be left out
        assertThat(component(kind(render(t -> t.set("console.enabled", "false")), "Deployment"), "processor")).isNotNull();
        assertThat(kind(render(t -> t.set("console.enabled", "false")), "Deployment")).hasSize(2);
    }

    private static JsonNode component(List<JsonNode> docs, String component) {
        return docs.stream().filter(d -> d.at("/metadata/labels/app.kubernetes.io~1component").asText().equals(component))
                .findFirst().orElseThrow(() -> new AssertionError("no " + component + " among " + docs.size() + " documents"));
    }

    @Test
    void badValuesAreRejectedByTheSchemaNamingTheValue() {
        assertThatThrownBy(() -> render(t -> t.set("processor.replicas", "-1"))).hasMessageContaining("replicas");
        assertThatThrownBy(() -> render(t -> t.set("processor.detector", "yolo"))).hasMessageContaining("detector");
        assertThatThrownBy(() -> render(t -> t.set("kafka.bootstrapServers", "no port"))).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> render(t -> t.set("kafka.tls.enabled", "true"))).hasMessageContaining("secretName");
        assertThatThrownBy(() -> render(t -> t.set("processor.replcas", "3"))).hasMessageContaining("replcas");
        assertThatThrownBy(() -> render(t -> t.set("ingest.groups[0].cameras[0].id", "door").set("ingest.groups[0].cameras[0].uri", "http://x")))
                .hasMessageContaining("uri");
        assertThatThrownBy(() -> render(t -> t.set("trainer.enabled", "true"))).hasMessageContaining("dataClaimName");
    }

    @Test
    void everyValueUsedByTheTemplatesExists() throws Exception {
        // Given everything switched on, Then no template refers to a value that is not there
        String out = helm.template().withName("shop").set("processor.autoscaling.enabled", "true").set("trainer.enabled", "true")
                .set("trainer.dataClaimName", "d").set("trainer.outputClaimName", "o").set("metrics.serviceMonitor.enabled", "true")
                .set("metrics.grafanaDashboard.enabled", "true").call();
        assertThat(out).doesNotContain("<no value>").doesNotContain("%!");
    }
}
