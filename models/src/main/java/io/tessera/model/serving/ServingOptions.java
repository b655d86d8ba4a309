package io.tessera.model.serving;

/**
 * How a classifier runs: precision and TensorFlow thread pools. Threads default to DJL's
 * system properties {@code ai.djl.tensorflow.num_intraop_threads} and
 * {@code ai.djl.tensorflow.num_interop_threads} (0 when unset: TensorFlow's choice).
 */
public record ServingOptions(Precision precision, int intraOpThreads, int interOpThreads) {
    public static final String INTRA_OP_PROPERTY = "ai.djl.tensorflow.num_intraop_threads";
    public static final String INTER_OP_PROPERTY = "ai.djl.tensorflow.num_interop_threads";

    public ServingOptions {
        new SessionConfig(precision, intraOpThreads, interOpThreads); // validates
    }

    public static ServingOptions of(Precision precision) {
        return new ServingOptions(precision, intProperty(INTRA_OP_PROPERTY), intProperty(INTER_OP_PROPERTY));
    }

    public SessionConfig sessionConfig() {
        return new SessionConfig(precision, intraOpThreads, interOpThreads);
    }

    private static int intProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " must be a thread count, got '" + value
                    + "'", e);
        }
    }
}
