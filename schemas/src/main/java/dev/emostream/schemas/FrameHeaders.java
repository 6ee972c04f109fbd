package dev.emostream.schemas;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names of the frame contract: CloudEvents 1.0 Kafka protocol binding, binary content mode, plus
 * the {@code sequence}, {@code width} and {@code height} extension attributes. All values are UTF-8 text.
 */
public final class FrameHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SEQUENCE = "ce_sequence";
    public static final String WIDTH = "ce_width";
    public static final String HEIGHT = "ce_height";
    public static final String CONTENT_TYPE = "content-type";

    /** Values of the fixed attributes. */
    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String TYPE_VALUE = "dev.emostream.frame.v1";
    public static final String CONTENT_TYPE_VALUE = "image/jpeg";

    private FrameHeaders() {
    }

    /** Every header as text (last value wins), e.g. for a dead-letter record or a JSON Schema check. */
    public static Map<String, String> asText(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            for (Header h : headers) {
                out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The last value of header {@code key} as text, or null when absent. */
    public static String text(Headers headers, String key) {
        Header h = headers == null ? null : headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
