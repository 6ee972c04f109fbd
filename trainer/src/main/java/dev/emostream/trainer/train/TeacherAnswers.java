package dev.emostream.trainer.train;

import dev.emostream.schemas.Json;
import dev.emostream.schemas.ModelCard;
import dev.emostream.trainer.data.Dataset;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline distillation's teacher answers, kept beside a run's checkpoints so that {@code train --resume} (and a resumed
 * compact copy) does not ask the teachers again: with the shipped ensemble as teacher that pass takes 6-7 minutes on the
 * project's 2-core machine, the answers 0.8 MB. {@code teacher-answers.json} says what they answer (the teachers as
 * given, a checksum of each one's model card, the rows, the classes and a checksum of the training pixels);
 * {@code teacher-answers.bin} holds the probabilities as float32, row by row. Answers that do not match the run as it
 * resumes are never used: the teachers are asked again and the new answers replace them.
 *
 * <pre>{@code
 * float[] answers = TeacherAnswers.keptOrAsked(runDir, distillation.teachers(), train, classes,
 *         () -> teachers.probabilitiesOf(train, classes));
 * }</pre>
 */
public final class TeacherAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherAnswers.class);
    static final String KEY_FILE = "teacher-answers.json";
    static final String DATA_FILE = "teacher-answers.bin";

    /**
     * What a set of answers answers.
     *
     * @param teachers    the teacher directories as given
     * @param cardCrc32c  per teacher, the CRC-32C of its {@code model-card.json} (an ensemble's card names its members'
     *                    versions), so that a retrained teacher in the same folder is asked again
     * @param rows        training images answered
     * @param classes     probabilities per image
     * @param pixelsCrc32c CRC-32C of the training images' pixels
     */
    public record Key(List<String> teachers, List<Long> cardCrc32c, int rows, int classes, long pixelsCrc32c) {
        public Key {
            teachers = List.copyOf(teachers);
            cardCrc32c = List.copyOf(cardCrc32c);
        }

        public static Key of(List<Path> teachers, Dataset train, int classes) {
            List<Long> cards = teachers.stream().map(t -> crc(read(t.resolve(ModelCard.FILE_NAME)))).toList();
            return new Key(teachers.stream().map(Path::toString).toList(), cards, train.size(), classes, crc(train.pixels()));
        }
    }

    private TeacherAnswers() {
    }

    /**
     * The answers kept in {@code runDir} for these teachers and images, or else {@code ask}'s, which are then kept there
     * for a resume.
     */
    public static float[] keptOrAsked(Path runDir, List<Path> teachers, Dataset train, int classes, Supplier<float[]> ask) {
        Key key = Key.of(teachers, train, classes);
        Optional<float[]> kept = read(runDir, key);
        if (kept.isPresent()) {
            LOG.info("Teacher answers for {} training images read from {}", train.size(), runDir.resolve(DATA_FILE));
            return kept.get();
        }
        long t0 = System.nanoTime();
        float[] answers = ask.get();
        LOG.info("Teacher answers for {} training images in {} s (kept in {} for a resume)", train.size(),
                Math.round((System.nanoTime() - t0) / 1e9), runDir.resolve(DATA_FILE));
        write(runDir, key, answers);
        return answers;
    }

    /** The answers kept in {@code runDir} for {@code key}; empty when there are none or they answer something else. */
    public static Optional<float[]> read(Path runDir, Key key) {
        Path keyFile = runDir.resolve(KEY_FILE);
        Path dataFile = runDir.resolve(DATA_FILE);
        if (!Files.isRegularFile(keyFile) || !Files.isRegularFile(dataFile)) {
            return Optional.empty();
        }
        try {
            Key kept = Json.MAPPER.readValue(keyFile.toFile(), Key.class);
            long expectedBytes = 4L * key.rows() * key.classes();
            if (!kept.equals(key) || Files.size(dataFile) != expectedBytes) {
                return Optional.empty();
            }
            float[] answers = new float[key.rows() * key.classes()];
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(dataFile), 1 << 16))) {
                for (int i = 0; i < answers.length; i++) {
                    answers[i] = in.readFloat();
                }
            }
            return Optional.of(answers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the teacher answers in " + runDir, e);
        }
    }

    /** Keeps {@code answers} for {@code key} in {@code runDir}, replacing what was there. */
    public static void write(Path runDir, Key key, float[] answers) {
        if (answers.length != key.rows() * key.classes()) {
            throw new IllegalArgumentException(answers.length + " answers for " + key.rows() + " rows of " + key.classes() + " classes");
        }
        try {
            Files.createDirectories(runDir);
            // The old key goes first: a run stopped between the two files must not pair it with the new answers.
            Files.deleteIfExists(runDir.resolve(KEY_FILE));
            Path tmp = runDir.resolve(DATA_FILE + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                for (float a : answers) {
                    out.writeFloat(a);
                }
            }
            Files.move(tmp, runDir.resolve(DATA_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve(KEY_FILE).toFile(), key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the teacher answers in " + runDir, e);
        }
    }

    /** Copies the answers of {@code fromRun}, if it has any, into {@code toRun} (a compact copy resumes with them). */
    static void copy(Path fromRun, Path toRun) throws IOException {
        for (String file : List.of(DATA_FILE, KEY_FILE)) {
            if (Files.isRegularFile(fromRun.resolve(file))) {
                Files.copy(fromRun.resolve(file), toRun.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
