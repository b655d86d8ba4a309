package io.tessera.ingest;

/**
 * Loads the OpenCV native library shipped in {@code org.openpnp:opencv} exactly once per JVM.
 * The holder idiom lets the JVM's class initialisation do the once-only part, so there is no
 * mutable static state here.
 */
public final class OpenCv {
    private OpenCv() {
    }

    private static final class Holder {
        static final String VERSION;

        static {
            nu.pattern.OpenCV.loadLocally();
            VERSION = org.opencv.core.Core.VERSION;
        }
    }

    /** Loads the native library on first call (about 0.5 s); later calls cost nothing. */
    public static void load() {
        if (Holder.VERSION == null) {
            throw new IllegalStateException("OpenCV native library did not load");
        }
    }

    public static String version() {
        load();
        return Holder.VERSION;
    }
}
