package io.tessera.launcher.demo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * The camera rate that fits the demo to the machine: the simulated cameras together offer about
 * {@code targetLoad} of the model's measured capacity. The rest is headroom for what shares the
 * CPU with the model in a demo (the cameras' JPEG encoding, the broker, the dashboard) and for
 * bursts, so that frames are decided in time rather than answered UNKNOWN late.
 *
 * @param tilesPerSecond   the model's measured capacity
 * @param tilesPerFrame    tiles in one camera frame
 * @param cameras          simulated cameras in all
 * @param targetLoad       offered load wanted, as a fraction of capacity
 * @param fpsPerCamera     the chosen rate of each camera
 */
public record DemoRate(double tilesPerSecond, int tilesPerFrame, int cameras, double targetLoad, double fpsPerCamera) {

    /** Offered load of 60% of capacity. */
    public static final double DEFAULT_LOAD = 0.6;
    /** The slowest camera the demo runs: one frame a minute. */
    static final double MIN_FPS = 1.0 / 60;
    /** The fastest, as --fps allows. */
    static final double MAX_FPS = 60;

    public static DemoRate choose(double tilesPerSecond, int tilesPerFrame, int cameras, double targetLoad) {
        if (!(tilesPerSecond > 0) || tilesPerFrame < 1 || cameras < 1) {
            throw new IllegalArgumentException("capacity, tiles per frame and cameras must be positive, got "
                    + tilesPerSecond + " tiles/s, " + tilesPerFrame + " tiles, " + cameras + " cameras");
        }
        if (!(targetLoad > 0 && targetLoad <= 1)) {
            throw new IllegalArgumentException("target load must be within (0, 1], got " + targetLoad);
        }
        double fps = roundDown(targetLoad * tilesPerSecond / tilesPerFrame / cameras);
        return new DemoRate(tilesPerSecond, tilesPerFrame, cameras, targetLoad, Math.max(MIN_FPS, Math.min(MAX_FPS, fps)));
    }

    /** Frames per second the model can decide: capacity over tiles per frame. */
    public double framesPerSecond() {
        return tilesPerSecond / tilesPerFrame;
    }

    /** Offered load at the chosen rate, as a fraction of capacity (below the target where rounded down). */
    public double offeredLoad() {
        return fpsPerCamera * cameras * tilesPerFrame / tilesPerSecond;
    }

    /** One line for the console: capacity, the rate and why. */
    public String explanation() {
        return String.format(Locale.ROOT, "model capacity %.1f tiles/s = %.2f frames/s of %d tiles; %d camera(s) at %s "
                + "frames/s each offer %.0f%% of it (target %.0f%%, leaving room for the cameras, the broker and bursts; "
                + "--fps sets the rate by hand)", tilesPerSecond, framesPerSecond(), tilesPerFrame, cameras,
                format(fpsPerCamera), offeredLoad() * 100, targetLoad * 100);
    }

    /**
     * A warning when one frame alone takes the model longer than {@code budget} at the measured
     * capacity: no camera rate lets such frames be decided in time, and they end UNKNOWN late;
     * null when a frame fits.
     */
    public String budgetWarning(Duration budget) {
        if (budget.isZero()) {
            return null;
        }
        double frameSeconds = tilesPerFrame / tilesPerSecond;
        if (frameSeconds * 1000 < budget.toMillis()) {
            return null;
        }
        return String.format(Locale.ROOT, "one frame takes the model about %.1f s here, not less than the %.1f s budget "
                + "(inspection.budget-ms): frames will end UNKNOWN late at any camera rate while the machine is this "
                + "busy", frameSeconds,
                budget.toMillis() / 1000.0);
    }

    /** Two significant digits, rounded down so that the load stays at or below the target. */
    static double roundDown(double fps) {
        if (fps <= 0) {
            return 0;
        }
        double scale = Math.pow(10, 1 - Math.floor(Math.log10(fps)));
        return Math.floor(fps * scale + 1e-9) / scale;
    }

    static String format(double fps) {
        return new BigDecimal(fps).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
