package io.tessera.vision;

/**
 * Loads OpenCV's native library from the openpnp jar exactly once per JVM. Call
 * {@link #load()} before touching any {@code org.opencv} class.
 */
public final class OpenCv {
    private OpenCv() {
    }

    /** Idempotent and thread-safe: the JVM runs a class initialiser once. */
    public static void load() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            nu.pattern.OpenCV.loadLocally();
        }

        static void touch() {
            // the static initialiser did the work
        }
    }
}
