package dev.emostream.trainer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.schemas.EmotionClasses;
import dev.emostream.schemas.FeedbackV1;
import dev.emostream.schemas.Topics;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.data.FeedbackExamples;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrections on a real in-JVM broker, joined with kept crops, become training examples. */
class FeedbackExamplesIT {
    @TempDir
    Path crops;

    @Test
    void correctionsWithKeptCropsBecomeLabelledExamples() throws Exception {
        // Given three corrections on the feedback topic, and kept crops for two of them
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
            kafka.createTopic("emotion-feedback", 2, Map.of());
            Properties p = kafka.clientProperties();
            try (KafkaProducer<String, FeedbackV1> producer = new KafkaProducer<>(p, Topics.EMOTION_FEEDBACK.keySerde().serializer(),
                    Topics.EMOTION_FEEDBACK.valueSerde().serializer())) {
                for (var f : List.of(new FeedbackV1("f1", "img-a", 0, "happy", Instant.now()),
                        new FeedbackV1("f2", "img-b", 1, "disgust", Instant.now()),
                        new FeedbackV1("f3", "img-c", 0, "sad", Instant.now()))) {
                    producer.send(new ProducerRecord<>("emotion-feedback", f.subjectId(), f)).get();
                }
            }
            for (String name : List.of("img-a-0", "img-b-1")) {
                BufferedImage crop = new BufferedImage(120, 150, BufferedImage.TYPE_INT_RGB);
                var g = crop.createGraphics();
                g.setColor(Color.LIGHT_GRAY);
                g.fillOval(10, 10, 100, 130);
                g.dispose();
                ImageIO.write(crop, "jpg", crops.resolve(name + ".jpg").toFile());
            }

            // When the trainer reads them for a 6-class model
            List<FeedbackV1> records = FeedbackExamples.read(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                    "emotion-feedback", Duration.ofSeconds(20));
            FeedbackExamples.Result r = FeedbackExamples.examples(records, crops, EmotionClasses.SIX);

            // Then the two with crops are 48x48 examples with their corrected labels (disgust merged into angry)
            assertThat(records).hasSize(3);
            assertThat(r.report().used()).isEqualTo(2);
            assertThat(r.report().missingCrop()).isEqualTo(1);
            Dataset d = r.examples();
            assertThat(d.size()).isEqualTo(2);
            assertThat(d.labels()).containsExactlyInAnyOrder(EmotionClasses.SIX.indexOfFerLabel(3), 0);
            assertThat(d.pixel(0, 24, 24)).isGreaterThan(150);
            assertThat(d.pixel(0, 0, 0)).isLessThan(60);
            Dataset merged = FeedbackExamples.append(d, d, 3);
            assertThat(merged.size()).isEqualTo(8);
        }
    }
}
