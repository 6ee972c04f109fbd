package dev.emostream.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.ops.ApiTokens;
import dev.emostream.schemas.EmotionStatsV1;
import dev.emostream.schemas.FaceTrackV1;
import dev.emostream.schemas.Json;
import dev.emostream.schemas.ModelInfo;
import dev.emostream.schemas.Topics;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console against a real broker: its history comes back after a restart, the API answers JSON and CSV, refuses
 * what it should, documents every path it serves, and its event stream carries ids a client resumes from.
 */
class ConsoleIT {
    private static final String TOKEN = "console-it-token-0123456789";
    private static final String HOSTILE = "=HYPERLINK(\"http://x\")";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedKafkaBroker kafka;
    private static final List<EmotionStatsV1> windows = new ArrayList<>();

    @BeforeAll
    static void history() throws Exception {
        // Given a broker with 30 minutes of statistics for two cameras (one with a formula for an id) and three visits
        kafka = EmbeddedKafkaBroker.builder().start();
        kafka.createEmoStreamTopics(2);
        for (String camera : List.of("door", HOSTILE)) {
            for (int m = 30; m > 0; m--) {
                Instant start = NOW.minus(m, ChronoUnit.MINUTES);
                windows.add(new EmotionStatsV1(camera, start, start.plusSeconds(60), 10, 12, Map.of("happy", 12L), Map.of("happy", 0.9),
                        "happy", 2L, 1L, 1L, 42.5, Map.of("happy", 1.0)));
            }
        }
        produce(Topics.EMOTION_STATS.name(), windows.stream().map(w -> Map.entry(w.cameraId(), (Object) w)).toList(), Topics.EMOTION_STATS);
        List<Map.Entry<String, Object>> visits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            visits.add(Map.entry("door", ended(i + 1, NOW.minus(20 - i * 5L, ChronoUnit.MINUTES))));
        }
        produce(Topics.FACE_TRACKS.name(), visits, Topics.FACE_TRACKS);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void theHistoryIsServedAsJsonAndCsvAndIsThereAgainAfterARestart() throws Exception {
        JsonNode before;
        try (ConsoleService console = start()) {
            // When the console has read its history
            assertThat(console.awaitHistory(Duration.ofSeconds(60))).isTrue();

            // Then it lists both cameras with their latest window, the last 15 minutes by default and a chosen range
            List<String> cameras = new ArrayList<>();
            json(console, "/v1/cameras").get("cameras").forEach(c -> cameras.add(c.get("cameraId").asText()));
            assertThat(cameras).contains("door", HOSTILE);
            assertThat(json(console, "/v1/stats?camera=door&from=" + NOW.minus(15, ChronoUnit.MINUTES) + "&to=" + NOW).get("windows")).hasSize(15);
            assertThat(json(console, "/v1/stats?camera=door").get("windows")).hasSizeBetween(14, 15);  // the last 15 minutes by default
            before = json(console, "/v1/stats?from=" + NOW.minus(1, ChronoUnit.HOURS) + "&to=" + NOW);
            assertThat(before.get("windows")).hasSize(60);
            JsonNode first = before.get("windows").get(0);
            assertThat(Json.MAPPER.treeToValue(first, EmotionStatsV1.class)).isIn(windows);
            // visits newest first, limited
            JsonNode visits = json(console, "/v1/tracks?camera=door&from=1h&limit=2").get("visits");
            assertThat(visits.findValuesAsText("trackId")).containsExactly("3", "2");

            // and as CSV, each row a window, the formula-like camera id quoted and defused for spreadsheets
            HttpResponse<String> csv = get(console, "/v1/stats?from=" + NOW.minus(1, ChronoUnit.HOURS) + "&to=" + NOW + "&format=csv", TOKEN);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            List<String> lines = csv.body().lines().toList();
            assertThat(lines).hasSize(61);
            assertThat(lines.get(0)).startsWith("cameraId,windowStart,windowEnd,frames,faces,people");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("\"'=HYPERLINK(\"\"http://x\"\")\","));
            assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("\"=") );
        }
        // And a new console (a restart) serves the same history
        try (ConsoleService console = start()) {
            assertThat(console.awaitHistory(Duration.ofSeconds(60))).isTrue();
            JsonNode after = json(console, "/v1/stats?from=" + URLEncoder.encode(before.get("from").asText(), StandardCharsets.UTF_8)
                    + "&to=" + URLEncoder.encode(before.get("to").asText(), StandardCharsets.UTF_8));
            assertThat(after.get("windows")).isEqualTo(before.get("windows"));
        }
    }

    @Test
    void everythingButHealthWantsATokenBadParametersAreNamedAndEveryServedPathIsDocumented() throws Exception {
        try (ConsoleService console = start()) {
            for (String path : List.of("/", "/v1/cameras", "/v1/stats", "/v1/tracks", "/events", "/metrics", "/openapi.json")) {
                assertThat(get(console, path, null).statusCode()).as(path).isEqualTo(401);
            }
            assertThat(get(console, "/health", null).statusCode()).isEqualTo(200);
            assertError(get(console, "/v1/stats?from=yesterday", TOKEN), 400, "'from'");
            assertError(get(console, "/v1/stats?from=1h&to=2h", TOKEN), 400, "before 'to'");
            assertError(get(console, "/v1/stats?from=60d", TOKEN), 400, "at most 31 days");
            assertError(get(console, "/v1/stats?format=xml", TOKEN), 400, "json or csv");
            assertError(get(console, "/v1/stats?cmaera=door", TOKEN), 400, "unknown parameter 'cmaera'");
            assertError(get(console, "/v1/tracks?limit=0", TOKEN), 400, "'limit'");
            assertError(get(console, "/v1/cameras/nobody/frame.jpg", TOKEN), 404, "no frame");
            assertError(post(console, "/v1/predict", "image/jpeg", new byte[] {1}), 503, "no model");

            // The OpenAPI document is JSON and names every path the console serves
            JsonNode api = json(console, "/openapi.json");
            assertThat(api.get("openapi").asText()).startsWith("3.");
            assertThat(api.get("paths").fieldNames()).toIterable().contains("/v1/cameras", "/v1/cameras/{cameraId}/frame.jpg", "/v1/stats",
                    "/v1/tracks", "/v1/predict", "/v1/feedback", "/events", "/metrics", "/health");
            // and /metrics has the console's own, each with help text
            String metrics = get(console, "/metrics", TOKEN).body();
            assertThat(metrics).contains("# HELP emostream_console_history_windows").contains("emostream_console_records_unreadable_total 0.0");
        }
    }

    @Test
    void eventsCarryIdsAndAClientThatReconnectsGetsWhatItMissed() throws Exception {
        try (ConsoleService console = start()) {
            assertThat(console.awaitHistory(Duration.ofSeconds(60))).isTrue();
            // Given a dashboard connected to the event stream, and a new statistics window
            HttpResponse<InputStream> stream = HTTP.send(request(console, "/events", TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
            Instant start = NOW.plusSeconds(60);
            EmotionStatsV1 live = new EmotionStatsV1("till", start, start.plusSeconds(60), 1, 1, Map.of("sad", 1L), Map.of("sad", 1.0), "sad");
            produce(Topics.EMOTION_STATS.name(), List.of(Map.entry("till", (Object) live)), Topics.EMOTION_STATS);

            // When it arrives, with an id
            String id = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String line;
                String lastId = null;
                while (id == null && System.nanoTime() < deadline && (line = in.readLine()) != null) {
                    if (line.startsWith("id: ")) {
                        lastId = line.substring(4);
                    } else if (line.startsWith("data: ") && line.contains("\"till\"")) {
                        id = lastId;
                    }
                }
            }
            assertThat(id).as("an id on the stats event").isNotNull();

            // Then a client reconnecting with the id before it gets that event again at once
            HttpResponse<InputStream> again = HTTP.send(request(console, "/events", TOKEN).header("Last-Event-ID", Long.toString(Long.parseLong(id) - 1))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(again.body(), StandardCharsets.UTF_8))) {
                List<String> replay = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null && replay.size() < 6) {
                    replay.add(line);
                }
                assertThat(replay).contains("id: " + id);
                assertThat(String.join("\n", replay)).contains("\"till\"");
            }
        }
    }

    @Test
    void aConsoleStartedBeforeItsTopicsExistReadsThemOnceTheyAre() throws Exception {
        // Given a console whose statistics topic does not exist yet
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ConsoleConfig.PORT_CONFIG, 0);
        settings.put(ConsoleConfig.LIVE_FRAMES_CONFIG, false);
        settings.put(ConsoleConfig.STATS_TOPIC_CONFIG, "late-stats");
        settings.put(ConsoleConfig.TOPIC_RECHECK_MS_CONFIG, 500L);
        try (ConsoleService console = ConsoleService.start(new ConsoleConfig(settings), Map.of("bootstrap.servers", kafka.bootstrapServers()),
                ApiTokens.of(List.of(TOKEN)), null, null, () -> "", Map::of)) {
            // When the topic is created and gets a window
            kafka.createTopics(List.of(Topics.EMOTION_STATS.withName("late-stats").newTopic(1, (short) 1)));
            EmotionStatsV1 w = new EmotionStatsV1("late", NOW.minusSeconds(120), NOW.minusSeconds(60), 1, 1, Map.of("sad", 1L),
                    Map.of("sad", 1.0), "sad");
            produce("late-stats", List.of(Map.entry("late", (Object) w)), Topics.EMOTION_STATS);

            // Then the console serves it within seconds, without a restart
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode windows = json(console, "/v1/stats?camera=late&from=1h").get("windows");
            while (windows.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                windows = json(console, "/v1/stats?camera=late&from=1h").get("windows");
            }
            assertThat(windows).hasSize(1);
        }
    }

    // --- helpers ---

    private static ConsoleService start() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ConsoleConfig.PORT_CONFIG, 0);
        settings.put(ConsoleConfig.LIVE_FRAMES_CONFIG, false);
        return ConsoleService.start(new ConsoleConfig(settings), Map.of("bootstrap.servers", kafka.bootstrapServers()),
                ApiTokens.of(List.of(TOKEN)), null, null, () -> "", Map::of);
    }

    private static FaceTrackV1 ended(long id, Instant last) {
        return new FaceTrackV1("door-" + id + "-ended", "door", id, FaceTrackV1.ENDED, last, last.minusSeconds(30), last, 30.0, 150, "happy",
                Map.of("happy", 1.0), new dev.emostream.schemas.BoundingBox(10, 10, 40, 40), new ModelInfo("fast", "2.0.0"),
                Map.of("happy", 1.0), Map.of("happy", 1.0), new dev.emostream.schemas.BoundingBox(10, 10, 40, 40));
    }

    @SuppressWarnings("unchecked")
    private static <V> void produce(String topic, List<Map.Entry<String, Object>> records, Topics.Topic<String, V> type) throws Exception {
        Properties p = kafka.clientProperties();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(p, new StringSerializer(), type.valueSerde().serializer())) {
            for (Map.Entry<String, Object> r : records) {
                producer.send(new ProducerRecord<>(topic, r.getKey(), (V) r.getValue())).get();
            }
        }
    }

    private static HttpRequest.Builder request(ConsoleService console, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path)).timeout(Duration.ofSeconds(30));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> get(ConsoleService console, String path, String token) throws Exception {
        return HTTP.send(request(console, path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ConsoleService console, String path, String type, byte[] body) throws Exception {
        return HTTP.send(request(console, path, TOKEN).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(ConsoleService console, String path) throws Exception {
        HttpResponse<String> r = get(console, path, TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String mentions) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).contains(mentions);
    }
}
