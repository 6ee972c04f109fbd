package dev.emostream.trainer.data;

/** FER2013's {@code Usage} column: which split a row belongs to. */
public enum Usage {
    /** Rows to fit on. */
    TRAINING("Training"),
    /** Rows to select models on (early stopping, schedules): validation figures. */
    PUBLIC_TEST("PublicTest"),
    /** The final test; withheld from this project's data, present in Kaggle's full file. */
    PRIVATE_TEST("PrivateTest");

    private final String csvName;

    Usage(String csvName) {
        this.csvName = csvName;
    }

    /** The spelling in the CSV and on the command line, e.g. {@code PublicTest}. */
    public String csvName() {
        return csvName;
    }

    /** The usage for a CSV value, or null when unknown. */
    public static Usage fromCsv(String value) {
        for (Usage u : values()) {
            if (u.csvName.equals(value)) {
                return u;
            }
        }
        return null;
    }

    /** Parses a CLI value (CSV spelling, case-insensitive); the error lists the accepted values. */
    public static Usage parse(String value) {
        for (Usage u : values()) {
            if (u.csvName.equalsIgnoreCase(value)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown usage '" + value + "'; accepted: Training, PublicTest, PrivateTest");
    }

    @Override
    public String toString() {
        return csvName;
    }
}
