package io.tessera.stream.web;

import io.tessera.model.ServingPrecision;
import io.tessera.protocol.Verdict;

/**
 * The model panel: what the latest verdict says decided it, and with which threshold (the model's,
 * the model.threshold override, or the camera's teach-in: then it is that camera's alone); where the
 * dashboard runs inside the inspection app, also the precision the model serves at and why.
 *
 * @param thresholdSource {@code model}, {@code override} or {@code teach-in}
 * @param cameraId        the camera of that verdict
 * @param precision       null when the dashboard only watches the verdicts topic
 * @param precisionReason null likewise
 */
record ModelInfo(String name, String version, double threshold, String thresholdSource, String cameraId,
        String precision, String precisionReason) {
    static ModelInfo of(Verdict verdict, ServingPrecision serving) {
        return new ModelInfo(verdict.model().name(), verdict.model().version(), verdict.threshold(),
                verdict.thresholdSource().label(), verdict.cameraId(),
                serving == null ? null : serving.precision(), serving == null ? null : serving.reason());
    }
}
