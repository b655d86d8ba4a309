package io.tessera.protocol;

/** Which model decided: name and version, so a verdict can be traced to the weights behind it. */
public record ModelRef(String name, String version) {
    public ModelRef {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("model name and version must not be blank");
        }
    }
}
