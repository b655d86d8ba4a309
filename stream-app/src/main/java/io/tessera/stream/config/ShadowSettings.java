package io.tessera.stream.config;

import java.nio.file.Path;

/**
 * A shadow model (model.shadow.*): scored beside the live one on the same tiles, at lower priority.
 *
 * @param modelPath        the candidate's folder; null for no shadow
 * @param threshold        its threshold; null for its card's
 * @param maxWaitingFrames frames waiting for the shadow beyond which a new one is skipped
 * @param chunkTiles       tiles per shadow model call: the longest a live batch can wait for the shadow
 */
public record ShadowSettings(Path modelPath, Double threshold, int maxWaitingFrames, int chunkTiles) {
    public static final ShadowSettings NONE = new ShadowSettings(null, null, 2, 8);

    public boolean enabled() {
        return modelPath != null;
    }
}
