package io.tessera.stream.health;

import io.tessera.model.ServingPrecision;

/** What the app hosting a dashboard says about itself: its health and the precision its model serves at. */
public interface AppStatus {
    Health health();

    ServingPrecision serving();
}
