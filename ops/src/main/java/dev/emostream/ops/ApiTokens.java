package dev.emostream.ops;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Who may use an HTTP API: callers presenting one of the configured tokens, as {@code Authorization: Bearer <token>}
 * or in the {@link #COOKIE} cookie (which a browser gets by opening the page once with {@code ?token=<token>}; it is
 * HttpOnly and SameSite=Strict, so another site can neither read it nor make the browser send it). Tokens are kept
 * only as SHA-256 digests and compared in constant time.
 *
 * <pre>{@code
 * ApiTokens tokens = ApiTokens.of(List.of(System.getenv("EMOSTREAM_API_TOKEN")));
 * if (!tokens.allows(exchange.getRequestHeaders())) { ... 401 ... }
 * }</pre>
 */
public final class ApiTokens {
    /** Name of the cookie that carries a token for a browser. */
    public static final String COOKIE = "emostream_token";
    /** Environment variable with comma-separated tokens. */
    public static final String ENV = "EMOSTREAM_API_TOKENS";
    /** Shortest token accepted: guessing one must be hopeless. */
    public static final int MIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> digests;

    private ApiTokens(List<byte[]> digests) {
        this.digests = digests;
    }

    /** These tokens (blank ones ignored); throws naming the rule when one is shorter than {@link #MIN_LENGTH}. */
    public static ApiTokens of(Collection<String> tokens) {
        List<byte[]> digests = new ArrayList<>();
        for (String t : tokens) {
            if (t == null || t.isBlank()) {
                continue;
            }
            if (t.strip().length() < MIN_LENGTH) {
                throw new IllegalArgumentException("an API token must have at least " + MIN_LENGTH + " characters");
            }
            digests.add(digest(t.strip()));
        }
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("no API token given");
        }
        return new ApiTokens(List.copyOf(digests));
    }

    /** A new random token (256 bits, URL-safe base64), e.g. for a demo that prints its login link. */
    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Tokens from {@code $EMOSTREAM_API_TOKENS} (comma-separated); empty when unset. */
    public static List<String> fromEnvironment() {
        String v = System.getenv(ENV);
        return v == null ? List.of() : List.of(v.split(","));
    }

    /** Whether a request with these headers presents a valid token (bearer header or cookie). */
    public boolean allows(Headers headers) {
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).strip())) {
            return true;
        }
        List<String> cookies = headers.get("Cookie");
        if (cookies != null) {
            for (String header : cookies) {
                for (String cookie : header.split(";")) {
                    String c = cookie.strip();
                    if (c.startsWith(COOKIE + "=") && matches(c.substring(COOKIE.length() + 1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code token} is one of ours (constant time per configured token). */
    public boolean matches(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return false;
        }
        byte[] d = digest(token);
        boolean ok = false;
        for (byte[] known : digests) {
            ok |= MessageDigest.isEqual(known, d);
        }
        return ok;
    }

    /** The Set-Cookie value that lets a browser present {@code token} from now on. */
    public static String cookie(String token) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The WWW-Authenticate challenge of a 401 answer. */
    public static String challenge() {
        return "Bearer realm=\"emostream\"";
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens[" + digests.size() + " token(s)]".toLowerCase(Locale.ROOT);
    }
}
