package dev.emostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emostream.schemas.FeedbackV1;
import dev.emostream.schemas.Json;
import dev.emostream.schemas.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's main command as a user runs it: {@code bin/emostream demo}. Events must flow within 60 s; the
 * dashboard is checked in headless Chromium (Playwright); the HTTP API answers real and bad uploads.
 */
class DemoIT {
    private static final Path SCRIPT = Path.of("..", "bin", "emostream").toAbsolutePath().normalize();
    private static final Path SHARED = Path.of(System.getProperty("emostream.assets", "../../shared"));
    private static Process demo;
    private static String baseUrl;
    private static String token;
    private static String bootstrap;
    private static final List<String> output = new ArrayList<>();
    private static Thread reader;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startDemo() throws Exception {
        dev.emostream.schemas.SharedAssets.require("models/face-detector");
        // Given the demo started as the README says, with two cameras (the shipped sample clip and the people clip), on a
        // free port, with a small upload limit for the tests
        String sample = Path.of("..", "samples", "astronaut-pan.mp4").toAbsolutePath().normalize().toString();
        String people = SHARED.resolve("media/people-720p15.mp4").toAbsolutePath().toString();
        demo = new ProcessBuilder(SCRIPT.toString(), "demo", "--port", "0", "--max-upload-bytes", "400000",
                "--camera", "demo=" + sample, "--camera", "people=" + people)
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "demo-it.log").toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        Pattern dashboard = Pattern.compile("Dashboard: (http://localhost:\\d+)/\\?token=(\\S+)");
        Pattern kafka = Pattern.compile("-> Kafka (\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (baseUrl == null && System.nanoTime() < deadline && (line = out.readLine()) != null) {
            output.add(line);
            Matcher k = kafka.matcher(line);
            if (k.find()) {
                bootstrap = k.group(1);
            }
            Matcher m = dashboard.matcher(line);
            if (m.find()) {
                baseUrl = m.group(1);
                token = m.group(2);
            }
        }
        assertThat(baseUrl).as("demo output: " + output).isNotNull();
        reader = new Thread(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    synchronized (output) {
                        output.add(l);
                    }
                }
            } catch (Exception ignored) {
                // demo ended
            }
        }, "demo-out");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (demo != null) {
            demo.toHandle().destroy(); // SIGTERM, as Ctrl-C (Process.destroy() would also close our pipe)
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000); // until the last line is read
            synchronized (output) {
                assertThat(output).anySatisfy(l -> assertThat(l).contains("EmoStream demo stopped."));
            }
        }
    }

    @Test
    void eventsFlowWithinSixtySecondsAndTheDashboardShowsThemInABrowser() throws Exception {
        // Then the status line reports events within 60 s of start
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean flowing = false;
        Pattern events = Pattern.compile("events\\s+(\\d+)");
        while (!flowing && System.nanoTime() < deadline) {
            synchronized (output) {
                flowing = output.stream().map(events::matcher).anyMatch(m -> m.find() && Long.parseLong(m.group(1)) > 0);
            }
            Thread.sleep(200);
        }
        assertThat(flowing).as("status lines: " + output).isTrue();

        // And headless Chromium sees the page load, receive events, draw boxes and the chart (screenshot kept)
        Path browser = Path.of("src", "test", "browser");
        if (!Files.isDirectory(browser.resolve("node_modules/playwright-core")) || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            dev.emostream.schemas.SharedAssets.unavailable("playwright-core or chromium missing: run 'npm ci --prefix app/src/test/browser'"
                    + " and apt-get install chromium");
        }
        // (and a visit that ended a minute ago, as the processor would write it, for the visit list)
        endedVisit("demo", 7, java.time.Instant.now().minusSeconds(60));
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Process node = new ProcessBuilder("node", "dashboard-check.mjs", baseUrl + "/?token=" + token, screenshot.toString(), "2")
                .directory(browser.toFile()).redirectErrorStream(true).start();
        String result = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(result).isZero();
        JsonNode r = Json.MAPPER.readTree(result.lines().reduce((a, b) -> b).orElse("{}"));
        assertThat(r.get("events").asInt()).isGreaterThanOrEqualTo(5);
        // both cameras, each with its people boxed on the frame they belong to; with tracking (the default) the boxes are
        // people: the astronaut is one, the people clip has several
        JsonNode astronaut = r.at("/perCamera/demo");
        JsonNode shop = r.at("/perCamera/people");
        assertThat(astronaut.get("frameWidth").asInt()).isEqualTo(640);
        assertThat(astronaut.get("people").asInt()).isEqualTo(1);
        assertThat(astronaut.get("peopleText").asText()).isEqualTo("people now 1");
        assertThat(shop.get("boxes").asInt()).isPositive();
        assertThat(shop.get("peopleText").asText()).startsWith("people now ");
        assertThat(astronaut.get("onTheirFrame").asBoolean()).isTrue();
        assertThat(shop.get("onTheirFrame").asBoolean()).isTrue();
        assertThat(r.get("timelinePoints").asInt()).isPositive();
        assertThat(r.get("visits").asInt()).isPositive();
        // a reload brings the history back; at phone width nothing overflows
        assertThat(r.get("historyWindowsAfterReload").asInt()).isPositive();
        assertThat(r.get("phoneOverflowPx").asInt()).isLessThanOrEqualTo(0);
        assertThat(screenshot).isNotEmptyFile();
        assertThat(Path.of(screenshot.toString().replace(".png", "-phone.png"))).isNotEmptyFile();
    }

    @Test
    void predictFindsTheFaceInARealPortrait() throws Exception {
        // Given a real portrait, uploaded raw and as multipart
        byte[] portrait = Files.readAllBytes(SHARED.resolve("media/messi5.jpg"));
        HttpResponse<String> raw = post("/v1/predict?annotated=true&crops=true", "image/jpeg", portrait);
        String boundary = "----emostream" + UUID.randomUUID();
        byte[] multipart = multipart(boundary, "messi5.jpg", portrait);
        HttpResponse<String> form = post("/v1/predict", "multipart/form-data; boundary=" + boundary, multipart);

        // Then each answers one face with box, score, emotion and probabilities; the annotated image and crop come back
        for (HttpResponse<String> r : List.of(raw, form)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode doc = Json.MAPPER.readTree(r.body());
            assertThat(doc.get("faces")).hasSize(1);
            JsonNode face = doc.get("faces").get(0);
            assertThat(face.get("box").get("width").asInt()).isPositive();
            assertThat(face.get("probabilities").size()).isEqualTo(7);
            assertThat(face.get("emotion").asText()).isIn("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
        }
        JsonNode doc = Json.MAPPER.readTree(raw.body());
        assertThat(java.util.Base64.getDecoder().decode(doc.get("annotatedImage").asText())).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(doc.get("crops")).hasSize(1);
    }

    @Test
    void badUploadsGetAClearFourHundredError() throws Exception {
        // A text file, bytes that claim to be a JPEG, an upload over the limit, malformed JSON, an unknown content type
        assertError(post("/v1/predict", "image/jpeg", "hello, not a picture".getBytes(StandardCharsets.UTF_8)), 415, "not an image");
        assertError(post("/v1/predict", "image/png", new byte[500_000]), 413, "limit");
        assertError(post("/v1/predict", "application/json", "{\"url\": ".getBytes(StandardCharsets.UTF_8)), 400, "JSON");
        assertError(post("/v1/predict", "application/json", "{\"url\": \"ftp://x/y.jpg\"}".getBytes(StandardCharsets.UTF_8)), 400, "http");
        assertError(post("/v1/predict", "text/plain", "x".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type");
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(SHARED.resolve("media/messi5.jpg")), 300);
        HttpResponse<String> r = post("/v1/predict", "image/jpeg", truncated);
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isNotBlank();
        // And the server is still healthy after them
        assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void feedbackLandsOnTheFeedbackTopic() throws Exception {
        // When a user corrects a prediction
        String subject = "image-" + UUID.randomUUID();
        HttpResponse<String> ok = post("/v1/feedback", "application/json",
                ("{\"subjectId\": \"" + subject + "\", \"faceIndex\": 0, \"trueEmotion\": \"Happy\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);

        // Then it is on emotion-feedback, keyed by the subject
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        FeedbackV1 found = null;
        try (KafkaConsumer<String, FeedbackV1> c = new KafkaConsumer<>(p, Topics.EMOTION_FEEDBACK.keySerde().deserializer(),
                Topics.EMOTION_FEEDBACK.valueSerde().deserializer())) {
            c.subscribe(List.of(Topics.EMOTION_FEEDBACK.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (found == null && System.nanoTime() < deadline) {
                for (var rec : c.poll(Duration.ofMillis(200))) {
                    if (subject.equals(rec.key())) {
                        found = rec.value();
                    }
                }
            }
        }
        assertThat(found).isNotNull();
        assertThat(found.trueEmotion()).isEqualTo("happy");

        // And bad feedback is refused naming the field
        assertError(post("/v1/feedback", "application/json", "{\"subjectId\": \"x\", \"faceIndex\": 0, \"trueEmotion\": \"bored\"}"
                .getBytes(StandardCharsets.UTF_8)), 400, "bored");
        assertError(post("/v1/feedback", "application/json", "{\"faceIndex\": 0, \"trueEmotion\": \"sad\"}"
                .getBytes(StandardCharsets.UTF_8)), 400, "subjectId");
    }

    @Test
    void everyEndpointButHealthWantsTheTokenAndTheDashboardLinkSetsAStrictCookie() throws Exception {
        // Without a token: the API, the event stream, frames and the page answer 401; /health answers
        for (String path : List.of("/", "/events", "/v1/cameras/demo/frame.jpg", "/metrics", "/?token=not-the-token-at-all")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).contains("Bearer realm=\"emostream\"");
        }
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/feedback")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(anonymous, 401, "token");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);

        // The printed link sets an HttpOnly, SameSite=Strict cookie and redirects to the page without the token
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/?token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/");
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("emostream_token=" + token).contains("HttpOnly").contains("SameSite=Strict"));
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).header("Cookie", "emostream_token=" + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(c -> assertThat(c).contains("frame-ancestors 'none'"));

        // With the token: feedback posted as text/plain (what another site could make a browser send) is refused,
        // and URL fetching is off unless the server was started with --allow-url-fetch
        assertError(post("/v1/feedback", "text/plain", "{\"subjectId\": \"x\", \"faceIndex\": 0, \"trueEmotion\": \"sad\"}"
                .getBytes(StandardCharsets.UTF_8)), 415, "application/json");
        assertError(post("/v1/predict", "application/json", ("{\"url\": \"" + baseUrl + "/health\"}").getBytes(StandardCharsets.UTF_8)),
                403, "--allow-url-fetch");
    }

    @Test
    void theMetricsOfEveryPartPassPromtool() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/promtool"))) {
            dev.emostream.schemas.SharedAssets.unavailable("promtool missing: apt-get install prometheus");
        }
        // Given the demo's /metrics: the console's, ingest's and the processor's, in one text
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("emostream_console_dashboards").contains("emostream_ingest_frames_sent_total")
                .contains("emostream_processor_frames_total");

        // When promtool checks it
        Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(metrics.body().getBytes(StandardCharsets.UTF_8));
        }
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // Then it finds nothing to say: every metric has help text, counters end in _total, no family twice
        assertThat(promtool.exitValue()).as(verdict).isZero();
        assertThat(verdict.strip()).isEmpty();
    }

    @Test
    void everyGrafanaPanelQueryGivesASeriesInARealPrometheusScrapingTheDemo() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/prometheus"))) {
            dev.emostream.schemas.SharedAssets.unavailable("prometheus missing: apt-get install prometheus");
        }
        // Given a real Prometheus scraping the demo's /metrics every second, with the token
        Path dir = Files.createTempDirectory("prometheus");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI demo = URI.create(baseUrl);
        Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "scrape_configs:",
                "  - job_name: emostream",
                "    authorization: {type: Bearer, credentials: '" + token + "'}",
                "    static_configs: [{targets: ['127.0.0.1:" + demo.getPort() + "']}]", ""));
        Process prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            // When it has scraped for a while, each query of the chart's Grafana dashboard is run in it
            JsonNode dashboard = Json.MAPPER.readTree(Path.of("..", "helm", "emostream", "dashboards", "emostream.json").toFile());
            List<String> queries = new ArrayList<>();
            dashboard.get("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.get("expr").asText())));
            assertThat(queries).hasSizeGreaterThan(8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            List<String> empty = new ArrayList<>(queries);
            while (!empty.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(2_000);
                empty.removeIf(q -> hasFiniteSeries(port, q));
            }

            // Then every query gives at least one series with a number (no empty panel, no NaN)
            assertThat(empty).as("queries without a finite series; prometheus log in " + dir).isEmpty();
        } finally {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static boolean hasFiniteSeries(int port, String query) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                    + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            for (JsonNode series : Json.MAPPER.readTree(r.body()).at("/data/result")) {
                double v = Double.parseDouble(series.at("/value/1").asText());
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;  // not up yet
        }
    }

    @Test
    void aCameraIdMadeOfHtmlIsShownAsTextInTheDashboard() throws Exception {
        Path browser = Path.of("src", "test", "browser");
        if (!Files.isDirectory(browser.resolve("node_modules/playwright-core")) || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            dev.emostream.schemas.SharedAssets.unavailable("playwright-core or chromium missing: run 'npm ci --prefix app/src/test/browser'"
                    + " and apt-get install chromium");
        }
        // Given a camera whose id is HTML that would run script if inserted as markup, and a portrait as its frames
        String hostile = "<img src=x onerror=\"window.__xss=1\">";
        byte[] portrait = Files.readAllBytes(SHARED.resolve("media/messi5.jpg"));
        // When the dashboard is open in headless Chromium while that camera streams (5 frames/s)
        Process node = new ProcessBuilder("node", "camera-name-check.mjs", baseUrl + "/?token=" + token, hostile)
                .directory(browser.toFile()).redirectErrorStream(true).start();
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p, Topics.FRAMES.keySerde().serializer(),
                Topics.FRAMES.valueSerde().serializer())) {
            for (int seq = 0; seq < 400 && node.isAlive(); seq++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.FRAMES.name(), hostile,
                        new dev.emostream.schemas.FrameV1(hostile, "xss-" + seq, seq, java.time.Instant.now(), 1, 1, portrait)));
                Thread.sleep(200);
            }
        }
        String result = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();

        // Then its name is the literal text, no element was made of it and no script ran
        assertThat(node.exitValue()).as(result).isZero();
        JsonNode r = Json.MAPPER.readTree(result.lines().reduce((a, b) -> b).orElse("{}"));
        assertThat(r.get("shownAsText").asBoolean()).as(result).isTrue();
        assertThat(r.get("injectedImages").asInt()).as(result).isZero();
        assertThat(r.get("scriptRan").asBoolean()).as(result).isFalse();
    }

    private static void endedVisit(String camera, long track, java.time.Instant last) throws Exception {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p, Topics.FACE_TRACKS.keySerde().serializer(),
                Topics.FACE_TRACKS.valueSerde().serializer())) {
            var box = new dev.emostream.schemas.BoundingBox(10, 10, 40, 40);
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.FACE_TRACKS.name(), camera,
                    new dev.emostream.schemas.FaceTrackV1(camera + "-it-" + track, camera, track, dev.emostream.schemas.FaceTrackV1.ENDED, last,
                            last.minusSeconds(20), last, 20.0, 100, "happy", java.util.Map.of("happy", 1.0), box,
                            new dev.emostream.schemas.ModelInfo("fast", "2.0.0"), java.util.Map.of("happy", 1.0), java.util.Map.of("happy", 1.0), box)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String mentions) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).contains(mentions);
    }

    private static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", type)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] multipart(String boundary, String filename, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        return all;
    }
}
