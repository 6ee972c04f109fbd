package dev.emostream.console.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a history query, checked: {@code camera} (optional), {@code from} and {@code to} (RFC 3339
 * times, or a duration before now such as {@code 15m}, {@code 1h}, {@code 1d}), {@code format} ({@code json} or
 * {@code csv}) and {@code limit} (1..10000). A bad one is a 400 naming it and what is accepted.
 */
record Query(String camera, Instant from, Instant to, String format, int limit) {
    private static final Set<String> KNOWN = Set.of("camera", "from", "to", "format", "limit");
    static final int MAX_LIMIT = 10_000;

    static Query of(String rawQuery, Instant now, Duration defaultRange, Duration maxRange) {
        Map<String, String> p = parse(rawQuery);
        for (String name : p.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new ApiError(400, "unknown parameter '" + name + "' (accepted: camera, from, to, format, limit)");
            }
        }
        Instant to = p.containsKey("to") ? time("to", p.get("to"), now) : now;
        Instant from = p.containsKey("from") ? time("from", p.get("from"), now) : to.minus(defaultRange);
        if (!from.isBefore(to)) {
            throw new ApiError(400, "parameter 'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw new ApiError(400, "the range from 'from' to 'to' may be at most " + maxRange.toDays() + " days");
        }
        String format = p.getOrDefault("format", "json");
        if (!List.of("json", "csv").contains(format)) {
            throw new ApiError(400, "parameter 'format' must be json or csv, not '" + format + "'");
        }
        int limit = 1000;
        if (p.containsKey("limit")) {
            try {
                limit = Integer.parseInt(p.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ApiError(400, "parameter 'limit' must be 1.." + MAX_LIMIT);
            }
        }
        String camera = p.get("camera");
        if (camera != null && (camera.isEmpty() || camera.length() > 256)) {
            throw new ApiError(400, "parameter 'camera' must be 1..256 characters");
        }
        return new Query(camera, from, to, format, limit);
    }

    private static Instant time(String name, String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,6}[smhd]")) {
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            Duration d = switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "parameter '" + name + "' must be an RFC 3339 time (2026-12-02T10:00:00Z) or a duration before now "
                    + "(15m, 1h, 1d), not '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'");
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        if (raw.length() > 4096) {
            throw new ApiError(414, "query too long");
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(k, v) != null) {
                throw new ApiError(400, "parameter '" + k + "' given twice");
            }
        }
        return out;
    }
}
