package io.tessera.launcher.compare;

import java.nio.file.Path;

/**
 * One of the two models compared, as it was really served.
 *
 * @param role      "A" (the baseline, the first --model) or "B" (the candidate, the second)
 * @param path      the model folder
 * @param name      the card's name
 * @param version   the card's version
 * @param threshold the threshold its frames were decided at (model.threshold, else the card's)
 * @param precision the precision it served at and why (the precision self-check's line)
 */
public record ModelSide(String role, Path path, String name, String version, double threshold, String precision) {

    /** "A (baseline)" or "B (candidate)". */
    public String title() {
        return role + (role.equals("A") ? " (baseline)" : " (candidate)");
    }
}
