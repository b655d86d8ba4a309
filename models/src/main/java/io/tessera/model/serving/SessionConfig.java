package io.tessera.model.serving;

import java.util.Base64;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * The TensorFlow {@code ConfigProto} for a session: thread pools and the precision rewrite.
 * DJL's "ConfigProto" option replaces its default config entirely, so the thread settings
 * must travel in the same proto.
 *
 * @param intraOpThreads threads inside one op (0: TensorFlow's choice, all cores)
 * @param interOpThreads ops run side by side (0: TensorFlow's choice)
 */
public record SessionConfig(Precision precision, int intraOpThreads, int interOpThreads) {
    public SessionConfig {
        if (precision == null) {
            throw new IllegalArgumentException("precision is required (fp32, bf16 or fp16)");
        }
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = TensorFlow's default), got intra-op "
                    + intraOpThreads + ", inter-op " + interOpThreads);
        }
    }

    public ConfigProto toProto() {
        RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
        switch (precision) {
            case BF16 -> rewrites.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
            case FP16 -> rewrites.setAutoMixedPrecision(RewriterConfig.Toggle.ON);
            case FP32 -> {
                // no rewrite
            }
        }
        ConfigProto.Builder config = ConfigProto.newBuilder()
                .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites));
        if (intraOpThreads > 0) {
            config.setIntraOpParallelismThreads(intraOpThreads);
        }
        if (interOpThreads > 0) {
            config.setInterOpParallelismThreads(interOpThreads);
        }
        // a GPU host must not grab all device memory at start (several predictors share one card)
        config.getGpuOptionsBuilder().setAllowGrowth(true);
        return config.build();
    }

    /** The form DJL's {@code Criteria.optOption("ConfigProto", ...)} takes. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(toProto().toByteArray());
    }
}
