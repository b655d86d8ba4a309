package io.tessera.stream.web;

import io.tessera.protocol.Verdict;

/** The model panel: what the latest verdict says decided it, and with which threshold. */
record ModelInfo(String name, String version, double threshold) {
    static ModelInfo of(Verdict verdict) {
        return new ModelInfo(verdict.model().name(), verdict.model().version(), verdict.threshold());
    }
}
