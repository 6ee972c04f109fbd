package dev.emostream.schemas;

/** Argument checks for the contract records: each failure names the field it is about. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (present(value, field).isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must not be blank");
        }
        return value;
    }

    static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new IllegalArgumentException("field '" + field + "' must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double unit(double value, String field) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("field '" + field + "' must be within 0..1, got " + value);
        }
        return value;
    }
}
