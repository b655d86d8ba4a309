package io.tessera.stream.web;

import java.util.List;

/**
 * Live figures per line and per camera, as sent to the page every second.
 *
 * @param at            when the figures were taken, epoch milliseconds
 * @param windowMillis  the sliding window the rates and percentiles cover
 */
record StatsSnapshot(long at, long windowMillis, List<LineStats> lines, List<CameraStats> cameras) {

    /**
     * @param framesPerSecond verdicts received per second over the window
     * @param defectRate      share of DEFECT verdicts over the window, 0..1
     * @param unknownRate     share of UNKNOWN verdicts (late, model error) over the window, 0..1
     * @param latencyP95Ms    p95 of capture-to-verdict latency over the window; null with no verdicts
     * @param lag             frames waiting for inspection on the camera's frames partition; null when unknown
     */
    record CameraStats(String cameraId, String lineId, double framesPerSecond, double defectRate, double unknownRate,
                       Double latencyP95Ms, Long lag, long verdicts, long defects, long unknown, long lastSequence) {
    }

    /** As {@link CameraStats}, over every camera of the line; the lag counts each frames partition once. */
    record LineStats(String lineId, List<String> cameras, double framesPerSecond, double defectRate, double unknownRate,
                     Double latencyP95Ms, Long lag, long verdicts, long defects, long unknown) {
    }
}
