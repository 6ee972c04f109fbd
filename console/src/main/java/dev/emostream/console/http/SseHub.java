package dev.emostream.console.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events to every connected dashboard. Each event carries an {@code id:}; a client that reconnects
 * with {@code Last-Event-ID} first gets what it missed from the last {@link #REPLAY} events. A client that stops
 * reading is dropped.
 */
public final class SseHub {
    /** Events kept for clients that reconnect. */
    static final int REPLAY = 2_000;
    private final List<OutputStream> clients = new CopyOnWriteArrayList<>();
    private final Deque<Message> recent = new ArrayDeque<>();
    private long nextId = 1;

    private record Message(long id, byte[] bytes) {
    }

    /** Turns the exchange into an event stream (after replaying what a reconnecting client missed) and keeps it. */
    public void attach(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long lastSeen = parse(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
        synchronized (out) {
            out.write(": connected\nretry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            for (Message m : missed(lastSeen)) {
                out.write(m.bytes());
            }
            out.flush();
        }
        clients.add(out);
    }

    private synchronized List<Message> missed(long lastSeen) {
        List<Message> out = new ArrayList<>();
        if (lastSeen >= 0) {
            for (Message m : recent) {
                if (m.id() > lastSeen) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static long parse(String id) {
        try {
            return id == null ? -1 : Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Sends {@code json} as event {@code event} to every client, with the next id. */
    public void broadcast(String event, String json) {
        Message message;
        synchronized (this) {
            long id = nextId++;
            message = new Message(id, ("id: " + id + "\nevent: " + event + "\ndata: " + json.replace("\n", " ") + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            recent.addLast(message);
            while (recent.size() > REPLAY) {
                recent.removeFirst();
            }
        }
        for (OutputStream out : clients) {
            try {
                synchronized (out) {
                    out.write(message.bytes());
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

    public int clients() {
        return clients.size();
    }

    public void close() {
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
