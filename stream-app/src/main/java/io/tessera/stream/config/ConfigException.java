package io.tessera.stream.config;

/** A setting that is missing or malformed; the message names the key and says what is expected. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String message) {
        super("setting " + key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
