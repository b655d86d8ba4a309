package io.tessera.gate;

/** A gate or simulator setting that cannot work; the message starts with the setting's key. */
public final class GateSettingsException extends IllegalArgumentException {
    private final String key;

    public GateSettingsException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The setting at fault, e.g. {@code modbus.base-address}. */
    public String key() {
        return key;
    }
}
