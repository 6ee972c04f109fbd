package dev.emostream.trainer.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loader kept and threw away, and why: rows read, rows rejected per reason (with the first few line
 * numbers of each), near-constant images dropped, and rows kept per usage. Printed after every load and
 * written into the model card.
 */
public final class LoadReport {
    private static final int EXAMPLES_PER_REASON = 5;

    private long rowsRead;
    private final Map<String, Long> rejected = new LinkedHashMap<>();
    private final Map<String, List<Long>> examples = new LinkedHashMap<>();
    private final Map<Usage, Long> kept = new EnumMap<>(Usage.class);
    private final Map<Usage, Long> blank = new EnumMap<>(Usage.class);
    private final Map<Usage, Long> noMajority = new EnumMap<>(Usage.class);

    void read() {
        rowsRead++;
    }

    void reject(String reason, long line) {
        rejected.merge(reason, 1L, Long::sum);
        List<Long> lines = examples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (lines.size() < EXAMPLES_PER_REASON) {
            lines.add(line);
        }
    }

    void blank(Usage usage) {
        blank.merge(usage, 1L, Long::sum);
    }

    void noMajority(Usage usage) {
        noMajority.merge(usage, 1L, Long::sum);
    }

    void kept(Usage usage) {
        kept.merge(usage, 1L, Long::sum);
    }

    public long rowsRead() {
        return rowsRead;
    }

    /** Rejected rows per reason, e.g. {@code "pixel count 2303, expected 2304" -> 1}. */
    public Map<String, Long> rejected() {
        return rejected;
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Up to five line numbers (1-based, header is line 1) per rejection reason. */
    public Map<String, List<Long>> rejectedExamples() {
        return examples;
    }

    /** Images dropped as blank or near-constant, per usage. */
    public Map<Usage, Long> blank() {
        return blank;
    }

    public long blankTotal() {
        return blank.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows dropped because FER+ voters gave no clear emotion majority, per usage. */
    public Map<Usage, Long> noMajority() {
        return noMajority;
    }

    /** Rows kept per usage. */
    public Map<Usage, Long> kept() {
        return kept;
    }

    /** As a JSON-friendly map, for the model card and reports. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rowsRead", rowsRead);
        m.put("rejected", rejected);
        m.put("rejectedExampleLines", examples);
        m.put("droppedBlank", blank);
        m.put("droppedNoFerPlusMajority", noMajority);
        m.put("kept", kept);
        return m;
    }

    /** A few human-readable lines. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("read %,d rows; kept %s%n", rowsRead, kept));
        s.append(String.format("rejected %,d rows%s%n", rejectedTotal(), rejected.isEmpty() ? "" : ":"));
        rejected.forEach((reason, n) -> s.append(String.format("  %,6d  %s (e.g. line %s)%n", n, reason,
                examples.get(reason))));
        s.append(String.format("dropped %,d blank or near-constant images %s", blankTotal(), blank));
        if (!noMajority.isEmpty()) {
            s.append(String.format("%ndropped rows without a FER+ emotion majority %s", noMajority));
        }
        return s.toString();
    }
}
