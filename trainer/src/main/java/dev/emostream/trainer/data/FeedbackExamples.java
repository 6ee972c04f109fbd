package dev.emostream.trainer.data;

import dev.emostream.schemas.Emotion;
import dev.emostream.schemas.EmotionClasses;
import dev.emostream.schemas.FeedbackV1;
import dev.emostream.schemas.Topics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * People's corrections as training examples: every {@link FeedbackV1} on the {@code emotion-feedback} topic
 * whose face crop was kept ({@code demo --keep-crops DIR} writes {@code <imageId>-<faceIndex>.jpg}) becomes a
 * 48x48 grey image labelled with the corrected emotion. Feedback carries no pixels itself (privacy), so a
 * correction without a kept crop is counted and skipped.
 */
public final class FeedbackExamples {

    /** What was read and used. */
    public record Report(int records, int used, int missingCrop, int unreadableCrop) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feedbackRecords", records);
            m.put("used", used);
            m.put("missingCrop", missingCrop);
            m.put("unreadableCrop", unreadableCrop);
            return m;
        }
    }

    /** The examples and the report. */
    public record Result(Dataset examples, Report report) {
    }

    private FeedbackExamples() {
    }

    /** Every record on the topic, from the beginning to the current end. */
    public static List<FeedbackV1> read(Map<String, Object> kafka, String topic, Duration timeout) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "emostream-trainer-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<FeedbackV1> out = new ArrayList<>();
        try (KafkaConsumer<String, FeedbackV1> c = new KafkaConsumer<>(p, Topics.EMOTION_FEEDBACK.keySerde().deserializer(),
                Topics.EMOTION_FEEDBACK.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null) {
                        out.add(r.value());
                    }
                });
            }
        }
        return out;
    }

    /** Feedback joined with its kept crops, as a dataset over {@code classes}. */
    public static Result examples(List<FeedbackV1> feedback, Path cropsDir, EmotionClasses classes) throws IOException {
        byte[] pixels = new byte[feedback.size() * Dataset.PIXELS];
        int[] labels = new int[feedback.size()];
        int used = 0;
        int missing = 0;
        int unreadable = 0;
        for (FeedbackV1 f : feedback) {
            Path crop = cropsDir.resolve(f.subjectId() + "-" + f.faceIndex() + ".jpg");
            if (!Files.isRegularFile(crop)) {
                missing++;
                continue;
            }
            BufferedImage image = ImageIO.read(crop.toFile());
            if (image == null) {
                unreadable++;
                continue;
            }
            BufferedImage grey = new BufferedImage(Dataset.SIDE, Dataset.SIDE, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = grey.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, Dataset.SIDE, Dataset.SIDE, null);
            g.dispose();
            byte[] row = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
            System.arraycopy(row, 0, pixels, used * Dataset.PIXELS, Dataset.PIXELS);
            labels[used++] = classes.indexOfFerLabel(Emotion.fromLabel(f.trueEmotion()).ferLabel());
        }
        Dataset d = new Dataset(classes, Arrays.copyOf(pixels, used * Dataset.PIXELS), Arrays.copyOf(labels, used), null);
        return new Result(d, new Report(feedback.size(), used, missing, unreadable));
    }

    /** {@code base} followed by {@code extra} repeated {@code times} (to give a few corrections some weight). */
    public static Dataset append(Dataset base, Dataset extra, int times) {
        if (extra.size() == 0 || times < 1) {
            return base;
        }
        int n = base.size() + extra.size() * times;
        byte[] pixels = Arrays.copyOf(base.pixels(), n * Dataset.PIXELS);
        int[] labels = Arrays.copyOf(base.labels(), n);
        for (int t = 0; t < times; t++) {
            int at = base.size() + t * extra.size();
            System.arraycopy(extra.pixels(), 0, pixels, at * Dataset.PIXELS, extra.size() * Dataset.PIXELS);
            System.arraycopy(extra.labels(), 0, labels, at, extra.size());
        }
        // Soft targets do not extend to corrections (one true label each): train on hard labels when mixing.
        return new Dataset(base.classes(), pixels, labels, null);
    }
}
