package io.tessera.model.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How training mines hard negatives ({@link HardNegatives}): the share of good tiles drawn again
 * from the good crops the model scored highest, and which images such crops may come from.
 *
 * @param share  share of good tiles drawn from the pool once it holds any; 0 for no mining
 * @param source which good crops may enter the pool
 */
public record HardNegativeMining(double share, Source source) {

    /** Which good crops may become hard negatives. */
    public enum Source {
        /** Every good crop the sampler draws: good images and the unmasked surface of defect images. */
        ANY("any"),
        /**
         * Good images only. The unmasked surface of a defect image lies next to pitting and may hold a
         * pit too small for its mask; mined hard, such a crop would teach the model to pass real pits.
         * And the false rejects a line counts are good parts. (Measured on one fold it changed
         * neither much: models/README.md.)
         */
        GOOD_IMAGES("good-images");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The source of a label ("any" or "good-images"), or an error naming the option. */
        public static Source parse(String label) {
            String wanted = label.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(s -> s.label.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--hard-negatives-from must be any or good-images,"
                            + " got " + label));
        }
    }

    public HardNegativeMining {
        Objects.requireNonNull(source, "source");
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("--hard-negatives must be within [0, 1), got " + share);
        }
        if (share == 0 && source != Source.ANY) {
            throw new IllegalArgumentException("--hard-negatives-from " + source.label
                    + " needs a --hard-negatives share above 0");
        }
    }

    /** No mining: the sampler draws exactly the batches it drew before the option existed. */
    public static HardNegativeMining none() {
        return new HardNegativeMining(0, Source.ANY);
    }

    /** Mining from every good crop, as the option did first. */
    public static HardNegativeMining share(double share) {
        return new HardNegativeMining(share, Source.ANY);
    }

    public boolean enabled() {
        return share > 0;
    }

    /** Whether a good crop of this image may enter the pool. */
    boolean mines(LoadedImage image) {
        return enabled() && (source == Source.ANY || !image.source().defect());
    }
}
