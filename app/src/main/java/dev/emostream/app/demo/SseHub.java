package dev.emostream.app.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Server-sent events to every connected dashboard; a client that stops reading is dropped. */
final class SseHub {
    private final List<OutputStream> clients = new CopyOnWriteArrayList<>();

    /** Turns the exchange into an event stream and keeps it until the client goes away. */
    void attach(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        clients.add(out);
    }

    void broadcast(String event, String json) {
        byte[] message = ("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (OutputStream out : clients) {
            try {
                synchronized (out) {
                    out.write(message);
                    out.flush();
                }
            } catch (IOException e) {
                clients.remove(out);
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    int clients() {
        return clients.size();
    }

    void close() {
        for (OutputStream out : clients) {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        clients.clear();
    }
}
