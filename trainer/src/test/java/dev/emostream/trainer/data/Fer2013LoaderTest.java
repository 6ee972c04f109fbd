package dev.emostream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emostream.schemas.EmotionClasses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class Fer2013LoaderTest {
    @TempDir
    Path dir;

    /** A textured 48x48 image (never blank) whose pixels depend on {@code seed}. */
    static String pixels(int seed) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < 2304; i++) {
            j.add(Integer.toString((i * 7 + seed * 13) % 256));
        }
        return j.toString();
    }

    static String constantPixels(int value) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < 2304; i++) {
            j.add(Integer.toString(value));
        }
        return j.toString();
    }

    /** A FER+ votes file (fer2013new.csv's header) with these rows. */
    private Path ferPlusVotes(String name, String... rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF");
        lines.addAll(List.of(rows));
        return Files.write(dir.resolve(name), lines, StandardCharsets.US_ASCII);
    }

    private Path csv(String name, List<String> rows) throws IOException {
        Path file = dir.resolve(name);
        List<String> lines = new ArrayList<>();
        lines.add("emotion,pixels,Usage");
        lines.addAll(rows);
        Files.write(file, lines, StandardCharsets.US_ASCII);
        return file;
    }

    @Test
    void badRowsAreCountedByReasonAndNeverLoaded() throws Exception {
        // Given a CSV with two good rows and one row of each kind of fault
        Path file = csv("bad.csv", List.of(
                "3," + pixels(1) + ",Training",
                "7," + pixels(2) + ",Training",                      // label out of range
                "x," + pixels(3) + ",Training",                      // label not a number
                "2," + pixels(4).substring(4) + ",Training",         // 2303 pixels
                "2," + pixels(5) + " 1,Training",                    // 2305 pixels
                "2," + pixels(6).replaceFirst("^\\d+", "256") + ",Training", // pixel 256
                "2," + pixels(7).replaceFirst("^\\d+", "a") + ",Training",   // not a number
                "2," + pixels(8) + ",Validation",                    // unknown usage
                "2," + pixels(9),                                    // two fields
                "5," + pixels(10) + ",PublicTest"));

        // When it is loaded
        Fer2013Loader.Result r = Fer2013Loader.load(file, Fer2013Loader.Options.defaults());

        // Then only the good rows are kept and every fault is counted under its reason, with its line number
        assertThat(r.split(Usage.TRAINING).size()).isEqualTo(1);
        assertThat(r.split(Usage.PUBLIC_TEST).size()).isEqualTo(1);
        assertThat(r.report().rowsRead()).isEqualTo(10);
        assertThat(r.report().rejectedTotal()).isEqualTo(8);
        assertThat(r.report().rejected())
                .containsEntry("label not an integer 0..6", 2L)
                .containsEntry("pixel count below 2304", 1L)
                .containsEntry("pixel count above 2304", 1L)
                .containsEntry("pixel outside 0..255", 1L)
                .containsEntry("pixel not an integer", 1L)
                .containsEntry("unknown Usage (accepted: Training, PublicTest, PrivateTest)", 1L)
                .containsEntry("not 3 comma-separated fields", 1L);
        assertThat(r.report().rejectedExamples().get("pixel count below 2304")).containsExactly(5L);
        assertThat(r.report().summary()).contains("rejected 8 rows");
    }

    @Test
    void blankAndNearConstantImagesAreDroppedAndCounted() throws Exception {
        // Given a black image, a nearly flat grey one and a textured one
        String nearlyFlat = constantPixels(128).replaceFirst("^128", "131");
        Path file = csv("blank.csv", List.of(
                "0," + constantPixels(0) + ",Training",
                "6," + nearlyFlat + ",Training",
                "3," + pixels(1) + ",Training"));

        // When loaded with the default blank threshold
        Fer2013Loader.Result r = Fer2013Loader.load(file, Fer2013Loader.Options.defaults());

        // Then the two flat images are dropped and reported, the textured one kept
        assertThat(r.split(Usage.TRAINING).size()).isEqualTo(1);
        assertThat(r.report().blank()).containsEntry(Usage.TRAINING, 2L);
        assertThat(r.report().rejectedTotal()).isZero();
    }

    @Test
    void sixClassesMergeDisgustIntoAngry() throws Exception {
        // Given rows labelled angry (0), disgust (1) and neutral (6)
        Path file = csv("six.csv", List.of("0," + pixels(1) + ",Training", "1," + pixels(2) + ",Training",
                "6," + pixels(3) + ",Training"));

        // When loaded with 6 classes
        Dataset d = Fer2013Loader.load(file, Fer2013Loader.Options.defaults().withClasses(EmotionClasses.SIX)).split(Usage.TRAINING);

        // Then disgust becomes angry (index 0) and neutral is the last of six classes
        assertThat(d.labels()).containsExactly(0, 0, 5);
        assertThat(d.classCounts()).containsExactly(2, 0, 0, 0, 0, 1);
    }

    @Test
    void ferPlusMajorityReplacesLabelsAndDropsRowsWithoutOne() throws Exception {
        // Given three FER2013 rows and FER+ votes: a clear 'happy', a tie, and a 'not a face' majority
        Path file = csv("fp.csv", List.of("0," + pixels(1) + ",Training", "0," + pixels(2) + ",Training",
                "0," + pixels(3) + ",Training"));
        Path votes = ferPlusVotes("ferplus.csv", "Training,fer0.png,1,8,0,0,0,0,0,0,1,0", "Training,fer1.png,4,4,0,0,0,0,0,0,2,0",
                "Training,fer2.png,1,0,0,0,0,0,0,0,0,9");

        // When loaded with FER+ majority labels and soft targets
        Fer2013Loader.Result r = Fer2013Loader.load(file,
                Fer2013Loader.Options.defaults().withFerPlus(LabelSource.FERPLUS, votes, true));

        // Then the clear row is kept as happy with the vote distribution, the other two dropped and counted
        Dataset d = r.split(Usage.TRAINING);
        assertThat(d.labels()).containsExactly(3);
        assertThat(d.targets()[3]).isEqualTo(8f / 9f);
        assertThat(d.targets()[6]).isEqualTo(1f / 9f);
        assertThat(r.report().noMajority()).containsEntry(Usage.TRAINING, 2L);
    }

    @Test
    void aVoteShareBlendsTheVotesWithFer2013sLabelAndKeepsRowsWithoutVotedEmotion() throws Exception {
        // Given FER2013 rows labelled angry (0), happy (3) and sad (4), and FER+ votes: 8 happy 2 neutral, 10 happy,
        // and 'not a face' only
        Path file = csv("share.csv", List.of("0," + pixels(1) + ",Training", "3," + pixels(2) + ",Training",
                "4," + pixels(3) + ",Training"));
        Path votes = ferPlusVotes("ferplus-share.csv", "Training,fer0.png,2,8,0,0,0,0,0,0,0,0", "Training,fer1.png,0,10,0,0,0,0,0,0,0,0",
                "Training,fer2.png,0,0,0,0,0,0,0,0,0,10");

        // When loaded with FER2013's labels and soft targets a quarter of which are the votes
        Fer2013Loader.Result r = Fer2013Loader.load(file,
                Fer2013Loader.Options.defaults().withFerPlus(LabelSource.FER2013, votes, true).withVoteShare(0.25));

        // Then every row is kept with FER2013's label, its target 0.75 of that label and 0.25 of the votes, and the row
        // whose votes name no emotion keeps its one-hot label
        Dataset d = r.split(Usage.TRAINING);
        assertThat(d.labels()).containsExactly(0, 3, 4);
        assertThat(d.targets()).containsExactly(
                0.75f, 0, 0, 0.2f, 0, 0, 0.05f,
                0, 0, 0, 1f, 0, 0, 0,
                0, 0, 0, 0, 1f, 0, 0);
        assertThat(r.report().noMajority()).isEmpty();
        assertThatThrownBy(() -> Fer2013Loader.Options.defaults().withVoteShare(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
    }

    @Test
    void readsXzAndGzipByContentNotName() throws Exception {
        // Given the same rows as plain text, xz and gzip (the compressed ones with misleading names)
        List<String> rows = List.of("3," + pixels(1) + ",Training", "4," + pixels(2) + ",PublicTest");
        Path plain = csv("plain.csv", rows);
        byte[] bytes = Files.readAllBytes(plain);
        Path xz = dir.resolve("data.csv");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
            out.write(bytes);
        }
        Path gz = dir.resolve("data2.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }

        // Then all three load to the same images
        for (Path f : List.of(plain, xz, gz)) {
            Fer2013Loader.Result r = Fer2013Loader.load(f, Fer2013Loader.Options.defaults());
            assertThat(r.split(Usage.TRAINING).pixels()).as(f.toString())
                    .isEqualTo(Fer2013Loader.load(plain, Fer2013Loader.Options.defaults()).split(Usage.TRAINING).pixels());
            assertThat(r.split(Usage.PUBLIC_TEST).labels()).containsExactly(4);
        }
    }

    @Test
    void aFileWithoutTheFer2013HeaderIsRefusedClearly() throws Exception {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> Fer2013Loader.load(file, Fer2013Loader.Options.defaults()))
                .hasMessageContaining("not a FER2013 CSV").hasMessageContaining("emotion,pixels,Usage");
    }

    @Test
    void askingForAMissingSplitNamesWhatThereIs() throws Exception {
        Path file = csv("train-only.csv", List.of("3," + pixels(1) + ",Training"));
        Fer2013Loader.Result r = Fer2013Loader.load(file, Fer2013Loader.Options.defaults());
        assertThatThrownBy(() -> r.split(Usage.PRIVATE_TEST)).hasMessageContaining("PrivateTest").hasMessageContaining("Training");
    }
}
