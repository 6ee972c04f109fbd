package dev.emostream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.schemas.EmotionClasses;
import dev.emostream.trainer.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When kept teacher answers are used on a resume, and when they are asked for again. */
class TeacherAnswersTest {
    @TempDir
    Path dir;

    @Test
    void keptAnswersComeBackOnlyForTheSameTeachersCardsAndImages() throws Exception {
        // Given a teacher folder with its card, three training images and their answers kept in a run folder
        Path teacher = Files.createDirectories(dir.resolve("teacher"));
        Files.writeString(teacher.resolve("model-card.json"), "{\"name\":\"teacher\",\"version\":\"1.0.0\"}");
        Dataset train = images(3, (byte) 7);
        Path run = dir.resolve("run");
        float[] answers = new float[3 * 7];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = i / 21f;
        }
        TeacherAnswers.Key key = TeacherAnswers.Key.of(List.of(teacher), train, 7);
        TeacherAnswers.write(run, key, answers);

        // When they are read back for the same teacher and images, then for other images, then after the teacher's card
        // changed, and after the answers file lost its end
        var same = TeacherAnswers.read(run, TeacherAnswers.Key.of(List.of(teacher), images(3, (byte) 7), 7));
        var otherImages = TeacherAnswers.read(run, TeacherAnswers.Key.of(List.of(teacher), images(3, (byte) 8), 7));
        Files.writeString(teacher.resolve("model-card.json"), "{\"name\":\"teacher\",\"version\":\"1.1.0\"}");
        var retrained = TeacherAnswers.read(run, TeacherAnswers.Key.of(List.of(teacher), train, 7));
        TeacherAnswers.write(run, TeacherAnswers.Key.of(List.of(teacher), train, 7), answers);
        Path data = run.resolve(TeacherAnswers.DATA_FILE);
        Files.write(data, java.util.Arrays.copyOf(Files.readAllBytes(data), 4 * 20));
        var truncated = TeacherAnswers.read(run, TeacherAnswers.Key.of(List.of(teacher), train, 7));

        // Then only the first finds them, exactly as written; the others are empty so that the teachers are asked again
        assertThat(same).hasValueSatisfying(a -> assertThat(a).containsExactly(answers));
        assertThat(otherImages).isEmpty();
        assertThat(retrained).isEmpty();
        assertThat(truncated).isEmpty();
        assertThat(TeacherAnswers.read(dir.resolve("no-such-run"), key)).isEmpty();
    }

    private static Dataset images(int n, byte fill) {
        byte[] pixels = new byte[n * Dataset.PIXELS];
        java.util.Arrays.fill(pixels, fill);
        return new Dataset(EmotionClasses.SEVEN, pixels, new int[n], null);
    }
}
