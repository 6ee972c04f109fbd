package dev.emostream.trainer.data;

import dev.emostream.schemas.EmotionClasses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads FER2013 in Kaggle's CSV layout ({@code emotion,pixels,Usage}; plain, {@code .xz} or {@code .gz}) and
 * validates every row: exactly three fields, a label 0..6, 2,304 pixels each 0..255, a known Usage. Bad rows
 * are counted per reason in the {@link LoadReport}, never fatal; blank or near-constant images (pixel standard
 * deviation below {@link Options#minStdDev}) are dropped and counted.
 *
 * <pre>{@code
 * Fer2013Loader.Result r = Fer2013Loader.load(Path.of("fer2013.csv"), Fer2013Loader.Options.defaults());
 * Dataset train = r.split(Usage.TRAINING);
 * System.out.println(r.report().summary());
 * }</pre>
 */
public final class Fer2013Loader {
    static final String HEADER = "emotion,pixels,Usage";

    /**
     * @param classes    7, or 6 with disgust merged into angry
     * @param labels     FER2013's labels, or FER+ majority votes
     * @param ferPlus    the FER+ votes file (needed for {@link LabelSource#FERPLUS} or {@code softTargets})
     * @param softTargets also keep the FER+ vote distribution as soft training targets
     * @param voteShare  with {@code softTargets}: the votes' share of each target, in (0, 1]; below 1 the rest is the
     *                   row's one-hot label, and a row whose votes name no emotion keeps its one-hot label instead of
     *                   being dropped
     * @param minStdDev  images whose pixel standard deviation is below this are dropped as blank
     */
    public record Options(EmotionClasses classes, LabelSource labels, Path ferPlus, boolean softTargets, double voteShare,
                          double minStdDev) {
        public Options {
            if (!(voteShare > 0 && voteShare <= 1)) {
                throw new IllegalArgumentException("voteShare must be in (0, 1], got " + voteShare);
            }
        }

        public static Options defaults() {
            return new Options(EmotionClasses.SEVEN, LabelSource.FER2013, null, false, 1.0, 3.0);
        }

        public Options withClasses(EmotionClasses c) {
            return new Options(c, labels, ferPlus, softTargets, voteShare, minStdDev);
        }

        /** FER+ majority labels and/or the full vote distribution as targets. */
        public Options withFerPlus(LabelSource l, Path votes, boolean soft) {
            return new Options(classes, l, votes, soft, voteShare, minStdDev);
        }

        /** Keeps every valid row, blank images too (evaluation counts the whole split). */
        public Options withEveryImage() {
            return new Options(classes, labels, ferPlus, softTargets, voteShare, 0.0);
        }

        /** Soft targets that blend {@code share} of the vote distribution with {@code 1 - share} of the one-hot label. */
        public Options withVoteShare(double share) {
            return new Options(classes, labels, ferPlus, softTargets, share, minStdDev);
        }
    }

    /** The rows kept per usage, and the report of what was not. */
    public record Result(Map<Usage, Dataset> splits, LoadReport report) {
        /** The rows of one usage; the error says which usages the file has. */
        public Dataset split(Usage usage) {
            Dataset d = splits.get(usage);
            if (d == null || d.size() == 0) {
                throw new IllegalArgumentException("the data has no usable " + usage + " rows; it has " + splits.keySet());
            }
            return d;
        }
    }

    private Fer2013Loader() {
    }

    public static Result load(Path csv, Options options) throws IOException {
        boolean needVotes = options.labels() == LabelSource.FERPLUS || options.softTargets();
        if (needVotes && options.ferPlus() == null) {
            throw new IllegalArgumentException("FER+ labels need the votes file (--ferplus FILE)");
        }
        FerPlusVotes votes = needVotes ? FerPlusVotes.read(options.ferPlus()) : null;
        EmotionClasses classes = options.classes();
        LoadReport report = new LoadReport();
        Map<Usage, Builder> builders = new EnumMap<>(Usage.class);
        Map<Usage, Integer> ordinals = new EnumMap<>(Usage.class);
        byte[] pixels = new byte[Dataset.PIXELS];

        try (BufferedReader r = new BufferedReader(new InputStreamReader(CompressedFiles.open(csv), StandardCharsets.US_ASCII), 1 << 20)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new IOException(csv + " is not a FER2013 CSV: expected the header '" + HEADER + "', got '"
                        + (header == null ? "" : header.strip()) + "'");
            }
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                report.read();
                int c1 = line.indexOf(',');
                int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
                if (c1 < 0 || c2 < 0 || line.indexOf(',', c2 + 1) >= 0) {
                    report.reject("not 3 comma-separated fields", lineNo);
                    continue;
                }
                Usage usage = Usage.fromCsv(line.substring(c2 + 1).strip());
                if (usage == null) {
                    report.reject("unknown Usage (accepted: Training, PublicTest, PrivateTest)", lineNo);
                    continue;
                }
                int ordinal = ordinals.merge(usage, 1, Integer::sum) - 1; // aligns rows with FER+ within a usage
                int label = parseLabel(line, c1);
                if (label < 0) {
                    report.reject("label not an integer 0..6", lineNo);
                    continue;
                }
                String pixelError = parsePixels(line, c1 + 1, c2, pixels);
                if (pixelError != null) {
                    report.reject(pixelError, lineNo);
                    continue;
                }
                if (stdDev(pixels) < options.minStdDev()) {
                    report.blank(usage);
                    continue;
                }
                float[] soft = null;
                if (votes != null) {
                    int[] v = votes.votes(usage, ordinal);
                    if (v == null) {
                        report.reject("no FER+ votes for this row", lineNo);
                        continue;
                    }
                    if (options.labels() == LabelSource.FERPLUS) {
                        label = FerPlusVotes.majority(v);
                        if (label < 0) {
                            report.noMajority(usage);
                            continue;
                        }
                    }
                    if (options.softTargets()) {
                        soft = distribution(v, classes);
                        if (options.voteShare() < 1) {
                            soft = blend(soft, classes.indexOfFerLabel(label), options.voteShare(), classes.size());
                        } else if (soft == null) {
                            report.noMajority(usage);
                            continue;
                        }
                    }
                }
                builders.computeIfAbsent(usage, u -> new Builder()).add(pixels, classes.indexOfFerLabel(label), soft);
                report.kept(usage);
            }
        }
        Map<Usage, Dataset> splits = new EnumMap<>(Usage.class);
        builders.forEach((u, b) -> splits.put(u, b.build(classes, options.softTargets())));
        return new Result(splits, report);
    }

    private static int parseLabel(String line, int end) {
        int start = 0;
        while (start < end && line.charAt(start) == ' ') {
            start++;
        }
        if (end - start != 1) {
            return -1;
        }
        int d = line.charAt(start) - '0';
        return d >= 0 && d <= 6 ? d : -1;
    }

    /** Parses space-separated pixels into {@code out}; returns an error reason or null. */
    private static String parsePixels(String line, int from, int to, byte[] out) {
        int count = 0;
        int i = from;
        while (i < to) {
            char ch = line.charAt(i);
            if (ch == ' ') {
                i++;
                continue;
            }
            int value = 0;
            int digits = 0;
            while (i < to && (ch = line.charAt(i)) != ' ') {
                if (ch < '0' || ch > '9') {
                    return "pixel not an integer";
                }
                value = value * 10 + (ch - '0');
                if (++digits > 3) {
                    return "pixel outside 0..255";
                }
                i++;
            }
            if (value > 255) {
                return "pixel outside 0..255";
            }
            if (count < Dataset.PIXELS) {
                out[count] = (byte) value;
            }
            count++;
        }
        return count == Dataset.PIXELS ? null : "pixel count " + (count < Dataset.PIXELS ? "below" : "above") + " 2304";
    }

    static double stdDev(byte[] pixels) {
        double sum = 0;
        double sq = 0;
        for (byte b : pixels) {
            int p = b & 0xFF;
            sum += p;
            sq += (double) p * p;
        }
        double mean = sum / pixels.length;
        return Math.sqrt(Math.max(0, sq / pixels.length - mean * mean));
    }

    /** The vote distribution over {@code classes}, or null when nobody voted for an emotion. */
    private static float[] distribution(int[] votes, EmotionClasses classes) {
        float[] d = new float[classes.size()];
        int total = 0;
        for (int label = 0; label < 7; label++) {
            d[classes.indexOfFerLabel(label)] += votes[label];
            total += votes[label];
        }
        if (total == 0) {
            return null;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= total;
        }
        return d;
    }

    /** {@code share * votes + (1 - share) * onehot(label)}; the one-hot label alone when {@code votes} is null. */
    static float[] blend(float[] votes, int label, double share, int size) {
        float[] t = new float[size];
        for (int i = 0; i < size; i++) {
            t[i] = votes == null ? 0f : (float) (share * votes[i]);
        }
        t[label] += votes == null ? 1f : (float) (1 - share);
        return t;
    }

    private static final class Builder {
        private byte[] pixels = new byte[Dataset.PIXELS * 1024];
        private int[] labels = new int[1024];
        private float[] soft = new float[0];
        private int size;

        void add(byte[] image, int label, float[] target) {
            if (size == labels.length) {
                labels = java.util.Arrays.copyOf(labels, size * 2);
                pixels = java.util.Arrays.copyOf(pixels, size * 2 * Dataset.PIXELS);
            }
            System.arraycopy(image, 0, pixels, size * Dataset.PIXELS, Dataset.PIXELS);
            labels[size] = label;
            if (target != null) {
                if (soft.length < (size + 1) * target.length) {
                    soft = java.util.Arrays.copyOf(soft, Math.max(1024, labels.length) * target.length);
                }
                System.arraycopy(target, 0, soft, size * target.length, target.length);
            }
            size++;
        }

        Dataset build(EmotionClasses classes, boolean withSoft) {
            return new Dataset(classes, java.util.Arrays.copyOf(pixels, size * Dataset.PIXELS),
                    java.util.Arrays.copyOf(labels, size),
                    withSoft ? java.util.Arrays.copyOf(soft, size * classes.size()) : null);
        }
    }
}
