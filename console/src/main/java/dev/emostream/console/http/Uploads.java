package dev.emostream.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emostream.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import dev.emostream.ops.PublicAddresses;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an uploaded image with bounded memory: a raw {@code image/*} body, a {@code multipart/form-data} file
 * part, or JSON {@code {"url": "https://..."}} / {@code {"image": "<base64>"}}. Bodies over the limit, images over
 * the maximum dimensions and anything that is not an image are refused with a 4xx {@link ApiError}.
 */
public final class Uploads {
    private final int maxBytes;
    private final int maxSide;
    private final boolean urlFetch;
    // Redirects are not followed: each hop would need the public-address check again.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param urlFetch whether {@code {"url": ...}} bodies are fetched at all (then only from public addresses:
     *                 {@link PublicAddresses})
     */
    public Uploads(int maxBytes, int maxSide, boolean urlFetch) {
        this.maxBytes = maxBytes;
        this.maxSide = maxSide;
        this.urlFetch = urlFetch;
    }

    /** The image bytes of a request, checked for size and dimensions. */
    byte[] image(String contentType, InputStream body) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (type.startsWith("multipart/form-data")) {
            bytes = multipartFile(readLimited(body), boundary(contentType));
        } else if (type.startsWith("application/json")) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(readLimited(body));
            } catch (IOException e) {
                throw new ApiError(400, "body is not valid JSON: " + e.getMessage());
            }
            if (json != null && json.hasNonNull("image")) {
                try {
                    bytes = Base64.getDecoder().decode(json.get("image").asText());
                } catch (IllegalArgumentException e) {
                    throw new ApiError(400, "field 'image' is not base64");
                }
            } else if (json != null && json.hasNonNull("url")) {
                bytes = fetch(json.get("url").asText());
            } else {
                throw new ApiError(400, "JSON body needs field 'url' or 'image' (base64)");
            }
        } else if (type.startsWith("image/") || type.startsWith("application/octet-stream")) {
            bytes = readLimited(body);
        } else {
            throw new ApiError(415, "unsupported Content-Type '" + contentType
                    + "' (accepted: image/*, multipart/form-data, application/json with url or image)");
        }
        if (bytes.length == 0) {
            throw new ApiError(400, "empty upload");
        }
        if (bytes.length > maxBytes) {
            throw new ApiError(413, "upload of " + bytes.length + " bytes exceeds the limit of " + maxBytes);
        }
        checkDimensions(bytes);
        return bytes;
    }

    private byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new ApiError(413, "upload exceeds the limit of " + maxBytes + " bytes");
        }
        return bytes;
    }

    /** Reads only the image header to refuse huge dimensions before anything decodes the pixels. */
    private void checkDimensions(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ApiError(415, "the upload is not an image (JPEG, PNG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w > maxSide || h > maxSide) {
                    throw new ApiError(413, "image of " + w + "x" + h + " exceeds the limit of " + maxSide + "x" + maxSide);
                }
            } catch (IOException e) {
                throw new ApiError(422, "the image header is malformed: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }

    private byte[] fetch(String url) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "field 'url' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ApiError(400, "field 'url' must be http or https");
        }
        if (!urlFetch) {
            throw new ApiError(403, "fetching images by URL is off on this server (start it with --allow-url-fetch); upload the image instead");
        }
        try {
            PublicAddresses.check(uri);
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw new ApiError(403, "field 'url': " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() / 100 == 3) {
                    throw new ApiError(422, "the image URL redirects (HTTP " + r.statusCode() + "); give the final URL");
                }
                if (r.statusCode() != 200) {
                    throw new ApiError(422, "fetching the image URL answered HTTP " + r.statusCode());
                }
                return readLimited(in);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        } catch (IOException e) {
            throw new ApiError(422, "cannot fetch the image URL: " + e.getMessage());
        }
    }

    private static String boundary(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                return p.substring(9).replace("\"", "");
            }
        }
        throw new ApiError(400, "multipart/form-data without a boundary");
    }

    /** The body of the first part that carries a file name (or the first part). */
    static byte[] multipartFile(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int headersStart = start + delimiter.length + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd);
            if (next < 0) {
                break;
            }
            if (headers.toLowerCase(Locale.ROOT).contains("filename=")) {
                return java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            }
            start = next + 2;
        }
        throw new ApiError(400, "multipart/form-data without a file part");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
