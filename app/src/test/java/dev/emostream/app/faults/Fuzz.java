package dev.emostream.app.faults;

import dev.emostream.schemas.FrameHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/** Seeded bad frame records of ten kinds, in turn: what a broken camera, a bug or an attacker could put on the frames topic. */
final class Fuzz {
    private static final List<String> HEADERS = List.of(FrameHeaders.TIME, FrameHeaders.SEQUENCE, FrameHeaders.WIDTH, FrameHeaders.HEIGHT,
            FrameHeaders.SOURCE, FrameHeaders.ID, FrameHeaders.TYPE, FrameHeaders.SPEC_VERSION, FrameHeaders.CONTENT_TYPE);
    private final Random random;
    private final List<byte[]> jpegs;

    Fuzz(Random random, List<byte[]> jpegs) {
        this.random = random;
        this.jpegs = jpegs;
    }

    /** Bad record number {@code i} of camera {@code camera}: kind {@code i % 10}. */
    ProducerRecord<String, byte[]> record(String camera, int i, Instant now) {
        byte[] jpeg = jpegs.get(random.nextInt(jpegs.size()));
        ProducerRecord<String, byte[]> good = FaultInjectionIT.frame(camera, i, now, jpeg);
        Headers h = good.headers();
        byte[] value = good.value();
        String key = camera;
        switch (i % 10) {
            case 0 -> value = bytes(1 + random.nextInt(5000));                                 // random bytes
            case 1 -> value = Arrays.copyOf(jpeg, 1 + random.nextInt(jpeg.length - 1));         // truncated JPEG
            case 2 -> {                                                                         // bit-flipped JPEG
                value = jpeg.clone();
                for (int k = 0; k < 20; k++) {
                    int at = 2 + random.nextInt(value.length - 2);
                    value[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 3 -> h.remove(HEADERS.get(random.nextInt(HEADERS.size())));                    // a header missing
            case 4 -> {                                                                         // a header with a bad value
                String[][] bad = {{FrameHeaders.SEQUENCE, "abc"}, {FrameHeaders.WIDTH, "2147483647"}, {FrameHeaders.SEQUENCE, "-1"},
                    {FrameHeaders.TIME, "yesterday"}, {FrameHeaders.HEIGHT, "0"}, {FrameHeaders.SEQUENCE, "99999999999999999999"}};
                String[] b = bad[random.nextInt(bad.length)];
                h.remove(b[0]);
                h.add(b[0], b[1].getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> value = new byte[0];                                                      // empty value
            case 6 -> key = "another-camera";                                                   // key is not the camera
            case 7 -> value = null;                                                             // a tombstone
            case 8 -> {                                                                         // the wrong contract
                h.remove(FrameHeaders.SPEC_VERSION);
                h.add(FrameHeaders.SPEC_VERSION, "2.0".getBytes(StandardCharsets.UTF_8));
            }
            default -> value = bomb(8193 + random.nextInt(57000), 8193 + random.nextInt(57000)); // a decompression bomb
        }
        return new ProducerRecord<>(good.topic(), null, good.timestamp(), key, value, h);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A JPEG of about 620 bytes whose frame header declares {@code width} x {@code height} pixels. */
    static byte[] bomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8, (byte) (height >> 8), (byte) height,
            (byte) (width >> 8), (byte) width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        out.writeBytes(new byte[600]);
        return out.toByteArray();
    }
}
