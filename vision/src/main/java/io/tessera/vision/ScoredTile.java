package io.tessera.vision;

/** A tile and its defect probability. */
public record ScoredTile(TileBox box, double score) {
}
