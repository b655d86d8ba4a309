package io.tessera.stream.health;

import java.util.Optional;

import io.tessera.model.ServingPrecision;

/** What the app hosting a dashboard says about itself: its health, the precision its model serves at, its shadow model. */
public interface AppStatus {
    Health health();

    ServingPrecision serving();

    /** The shadow model's figures, when one runs beside the live model. */
    default Optional<ShadowStatus> shadow() {
        return Optional.empty();
    }
}
