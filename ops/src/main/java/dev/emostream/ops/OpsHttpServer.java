package dev.emostream.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.emostream.schemas.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operations endpoints of a service, on the JDK's built-in HTTP server: {@code GET /metrics} (Prometheus
 * text format), {@code GET /health} (readiness: JSON, HTTP 200 when healthy, 503 when not) and {@code GET /live}
 * (liveness, same form: whether restarting the process could help), used by Kubernetes probes.
 */
public final class OpsHttpServer implements AutoCloseable {
    /** A health answer: whether the service is healthy, and details to show. */
    public record Health(boolean healthy, Map<String, Object> details) {
    }

    private final HttpServer server;

    private OpsHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code port} (0 picks a free one) on all interfaces; {@code /live} answers as {@code /health}. */
    public static OpsHttpServer start(int port, PrometheusMeterRegistry registry, Supplier<Health> health) throws IOException {
        return start(port, registry, health, health);
    }

    /** Starts on {@code port} (0 picks a free one) on all interfaces, with a liveness answer of its own. */
    public static OpsHttpServer start(int port, PrometheusMeterRegistry registry, Supplier<Health> health, Supplier<Health> live)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", exchange -> {
            if (!get(exchange)) {
                return;
            }
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/health", exchange -> answer(exchange, health));
        server.createContext("/live", exchange -> answer(exchange, live));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new OpsHttpServer(server);
    }

    private static void answer(HttpExchange exchange, Supplier<Health> check) throws IOException {
        if (!get(exchange)) {
            return;
        }
        Health h = check.get();
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("status", h.healthy() ? "UP" : "DOWN", "details", h.details()));
        send(exchange, h.healthy() ? 200 : 503, "application/json", body);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static boolean get(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "only GET\n".getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return true;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
