package dev.emostream.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.emostream.ops.ApiTokens;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.analyze.Predictions;
import dev.emostream.inference.analyze.UndecodableImageException;
import dev.emostream.console.feed.ConsoleFeed;
import dev.emostream.console.history.StatsHistory;
import dev.emostream.console.history.VisitLog;
import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.EmotionStatsV1;
import dev.emostream.schemas.FeedbackV1;
import dev.emostream.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server: the dashboard ({@code /}), its live feed ({@code /events}, server-sent events with
 * ids), the latest frame per camera, and the JSON API ({@code /openapi.json} documents it): cameras, statistics
 * history (JSON or CSV), recent visits, {@code POST /v1/predict} and {@code POST /v1/feedback}. Everything but
 * {@code /health} needs a token ({@link ApiTokens}).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /** Longest range one statistics or visits query may ask for. */
    static final Duration MAX_RANGE = Duration.ofDays(31);
    /** Range of a query that gives none. */
    static final Duration DEFAULT_RANGE = Duration.ofMinutes(15);

    /**
     * What the server serves.
     *
     * @param analyzer      for {@code /v1/predict}; null answers 503 there
     * @param feedback      for {@code /v1/feedback}; null answers 503 there
     * @param keepCrops     where {@code /v1/predict} writes face crops, or null (the default: none written)
     */
    public record Parts(SseHub hub, ConsoleFeed feed, StatsHistory stats, VisitLog visits, FrameAnalyzer analyzer, Uploads uploads,
                        KafkaProducer<String, FeedbackV1> feedback, String feedbackTopic, Path keepCrops, Supplier<String> metrics,
                        Supplier<Map<String, Object>> health) {
    }

    private final HttpServer server;
    private final Parts parts;
    private final SseHub hub;
    private final FrameAnalyzer analyzer;
    private final Uploads uploads;
    private final KafkaProducer<String, FeedbackV1> feedback;
    private final String feedbackTopic;
    private final Path keepCrops;
    private final ApiTokens tokens;
    private final Clock clock;

    /**
     * @param bind   address to listen on ({@code 127.0.0.1} keeps it to this machine)
     * @param tokens who may use everything but {@code /health}
     */
    public ConsoleServer(String bind, int port, ApiTokens tokens, Parts parts, Clock clock) throws IOException {
        this.tokens = tokens;
        this.parts = parts;
        this.clock = clock;
        this.hub = parts.hub();
        this.analyzer = parts.analyzer();
        this.uploads = parts.uploads();
        this.feedback = parts.feedback();
        this.feedbackTopic = parts.feedbackTopic();
        this.keepCrops = parts.keepCrops();
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        server.createContext("/", method("GET", this::page));
        server.createContext("/events", get(hub::attach));
        server.createContext("/v1/cameras", get(this::cameras));
        server.createContext("/v1/stats", get(this::stats));
        server.createContext("/v1/tracks", get(this::tracks));
        server.createContext("/v1/predict", post(this::predict));
        server.createContext("/v1/feedback", post(this::feedback));
        server.createContext("/openapi.json", get(ex -> resource(ex, "/console/openapi.json", "application/json")));
        server.createContext("/metrics", get(ex -> send(ex, 200, "text/plain; version=0.0.4", parts.metrics().get().getBytes(StandardCharsets.UTF_8))));
        server.createContext("/health", method("GET", ex -> json(ex, 200, parts.health().get())));  // open: probes carry no token
        server.createContext("/live", method("GET", ex -> json(ex, 200, Map.of("status", "UP"))));  // the server answers: alive
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "console-http");
            t.setDaemon(true);
            return t;
        }));
    }

    public ConsoleServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code GET /v1/cameras}: every camera known, or {@code /v1/cameras/{id}/frame.jpg}: its latest frame. */
    private void cameras(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        if (raw.equals("/v1/cameras") || raw.equals("/v1/cameras/")) {
            Map<String, Instant> seen = new TreeMap<>(parts.feed().cameras());
            parts.stats().cameras().forEach(c -> seen.putIfAbsent(c, null));
            List<Map<String, Object>> out = new ArrayList<>();
            for (var e : seen.entrySet()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("cameraId", e.getKey());
                c.put("lastSeen", e.getValue() == null ? null : e.getValue().toString());
                c.put("liveFrame", parts.feed().latest(e.getKey()) != null);
                c.put("latestStats", parts.stats().latest(e.getKey()));
                out.add(c);
            }
            json(ex, 200, Map.of("cameras", out));
            return;
        }
        // /v1/cameras/{id}/frame.jpg, the id URL-encoded (it may hold any character)
        String[] segments = raw.split("/");
        ConsoleFeed.LatestFrame f = segments.length == 5 && segments[4].equals("frame.jpg")
                ? parts.feed().latest(URLDecoder.decode(segments[3], StandardCharsets.UTF_8)) : null;
        if (f == null) {
            throw new ApiError(404, "no frame for that camera yet");
        }
        ex.getResponseHeaders().set("X-Frame-Sequence", Long.toString(f.sequence()));
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, "image/jpeg", f.jpeg());
    }

    /** {@code GET /v1/stats?camera=&from=&to=&format=json|csv}: statistics windows starting in [from, to). */
    private void stats(HttpExchange ex) throws IOException {
        Query q = Query.of(ex.getRequestURI().getRawQuery(), clock.instant(), DEFAULT_RANGE, MAX_RANGE);
        List<EmotionStatsV1> windows = parts.stats().query(q.camera(), q.from(), q.to());
        if ("csv".equals(q.format())) {
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"emotion-stats.csv\"");
            send(ex, 200, "text/csv; charset=utf-8", StatsCsv.write(windows).getBytes(StandardCharsets.UTF_8));
            return;
        }
        json(ex, 200, Map.of("from", q.from().toString(), "to", q.to().toString(), "windows", windows));
    }

    /** {@code GET /v1/tracks?camera=&from=&to=&limit=}: visits that ended in [from, to), newest first. */
    private void tracks(HttpExchange ex) throws IOException {
        Query q = Query.of(ex.getRequestURI().getRawQuery(), clock.instant(), DEFAULT_RANGE, MAX_RANGE);
        json(ex, 200, Map.of("from", q.from().toString(), "to", q.to().toString(),
                "visits", parts.visits().query(q.camera(), q.from(), q.to(), q.limit())));
    }

    private static void resource(HttpExchange ex, String name, String type) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ApiError(404, "missing resource " + name);
            }
            send(ex, 200, type, in.readAllBytes());
        }
    }

    /**
     * The dashboard. Opened with a valid {@code ?token=}, it sets the token cookie and redirects to itself (so the
     * token leaves the address bar and the browser's history); without a valid token or cookie, a 401 page says how in.
     */
    private void page(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!path.equals("/") && !path.equals("/index.html")) {
            json(ex, 404, Map.of("error", "no such page"));
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        if (query != null && query.startsWith("token=")) {
            String token = java.net.URLDecoder.decode(query.substring("token=".length()), StandardCharsets.UTF_8);
            if (tokens.matches(token)) {
                ex.getResponseHeaders().add("Set-Cookie", ApiTokens.cookie(token));
                ex.getResponseHeaders().set("Location", "/");
                ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
                ex.sendResponseHeaders(303, -1);
                ex.close();
                return;
            }
        }
        if (!tokens.allows(ex.getRequestHeaders())) {
            ex.getResponseHeaders().set("WWW-Authenticate", ApiTokens.challenge());
            send(ex, 401, "text/html; charset=utf-8", ("<!doctype html><title>EmoStream</title><p>Open the dashboard with the link "
                    + "<code>emostream demo</code> printed (it ends in <code>?token=&hellip;</code>).</p>").getBytes(StandardCharsets.UTF_8));
            return;
        }
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/dashboard/index.html")) {
            send(ex, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private void predict(HttpExchange ex) throws IOException {
        if (analyzer == null) {
            throw new ApiError(503, "this console has no model loaded (start it with --model to enable /v1/predict)");
        }
        byte[] image = uploads.image(ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestBody());
        String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        boolean annotated = query.contains("annotated=true");
        boolean crops = query.contains("crops=true");
        String imageId = UUID.randomUUID().toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("imageId", imageId);
        synchronized (analyzer) {
            try (Mat bgr = FrameAnalyzer.decode(image)) {
                FrameAnalyzer.Analysis a = analyzer.analyze(bgr, 0);
                List<String> classes = analyzer.classifier().card().classes();
                doc.put("faces", Predictions.faces(a, classes));
                doc.put("image", Map.of("width", a.width(), "height", a.height()));
                doc.put("model", Map.of("name", analyzer.classifier().card().name(), "version", analyzer.classifier().card().version()));
                doc.put("detector", analyzer.detector().name());
                if (crops || keepCrops != null) {
                    List<String> encoded = new ArrayList<>();
                    for (int i = 0; i < a.faces().size(); i++) {
                        BoundingBox b = analyzer.crops().widened(a.faces().get(i).detection().box(), a.width(), a.height());
                        try (Rect r = new Rect(b.x(), b.y(), b.width(), b.height()); Mat crop = new Mat(bgr, r)) {
                            byte[] jpeg = jpeg(crop);
                            encoded.add(Base64.getEncoder().encodeToString(jpeg));
                            if (keepCrops != null) {
                                Files.write(keepCrops.resolve(imageId + "-" + i + ".jpg"), jpeg);
                            }
                        }
                    }
                    if (crops) {
                        doc.put("crops", encoded);
                    }
                }
                if (annotated) {
                    Predictions.annotate(bgr, a, classes);
                    doc.put("annotatedImage", Base64.getEncoder().encodeToString(jpeg(bgr)));
                }
            } catch (UndecodableImageException e) {
                throw new ApiError(415, "the upload is " + e.getMessage());
            }
        }
        json(ex, 200, doc);
    }

    private void feedback(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // A form or text/plain post is what another site can make a browser send without asking (CSRF)
            throw new ApiError(415, "Content-Type must be application/json, not " + (type == null ? "missing" : "'" + type + "'"));
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ex.getRequestBody().readNBytes(64 * 1024));
        } catch (IOException e) {
            throw new ApiError(400, "body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "body must be a JSON object with subjectId, faceIndex and trueEmotion");
        }
        for (String field : List.of("subjectId", "faceIndex", "trueEmotion")) {
            if (!body.hasNonNull(field)) {
                throw new ApiError(400, "field '" + field + "' is required");
            }
        }
        if (!body.get("faceIndex").canConvertToInt()) {
            throw new ApiError(400, "field 'faceIndex' must be an integer");
        }
        if (feedback == null) {
            throw new ApiError(503, "this console records no feedback");
        }
        FeedbackV1 f;
        try {
            f = new FeedbackV1(UUID.randomUUID().toString(), body.get("subjectId").asText(), body.get("faceIndex").asInt(),
                    body.get("trueEmotion").asText().toLowerCase(java.util.Locale.ROOT), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        try {
            feedback.send(new ProducerRecord<>(feedbackTopic, f.subjectId(), f)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ApiError(503, "could not record the feedback: " + e.getMessage());
        }
        json(ex, 202, Map.of("feedbackId", f.feedbackId(), "topic", feedbackTopic));
    }

    private static byte[] jpeg(Mat image) {
        return Predictions.jpeg(image, 90);
    }

    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    /** A GET endpoint for token holders only. */
    private HttpHandler get(Handler h) {
        return method("GET", guarded(h));
    }

    /** A POST endpoint for token holders only. */
    private HttpHandler post(Handler h) {
        return method("POST", guarded(h));
    }

    private Handler guarded(Handler h) {
        return ex -> {
            if (!tokens.allows(ex.getRequestHeaders())) {
                ex.getResponseHeaders().set("WWW-Authenticate", ApiTokens.challenge());
                throw new ApiError(401, "missing or wrong token: send 'Authorization: Bearer <token>', or open the dashboard link once");
            }
            h.handle(ex);
        };
    }

    private static HttpHandler method(String method, Handler h) {
        return ex -> {
            try {
                if (!method.equals(ex.getRequestMethod())) {
                    json(ex, 405, Map.of("error", "use " + method));
                    return;
                }
                h.handle(ex);
            } catch (ApiError e) {
                drain(ex);
                json(ex, e.status(), Map.of("error", e.getMessage()));
            } catch (Exception e) {
                LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
                json(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        };
    }

    /** Reads and discards what is left of a refused upload (bounded), so the client gets the answer, not a reset. */
    private static void drain(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            byte[] sink = new byte[64 * 1024];
            long left = 256L << 20;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client went away; nothing to answer
        }
    }

    static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        hub.close();
        server.stop(0);
    }
}
