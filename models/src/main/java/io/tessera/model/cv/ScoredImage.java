package io.tessera.model.cv;

/**
 * A held-out image's score from its fold's model, with what is needed to pool and group it.
 *
 * @param group the image's location (a station) or KGT spindle
 */
public record ScoredImage(String file, String group, boolean defect, double score) {
}
