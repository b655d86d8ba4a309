package io.tessera.protocol;

/** A frame's verdict. A reject gate treats {@code UNKNOWN} as a reject: a part nobody checked is not OK. */
public enum Decision {
    OK,
    DEFECT,
    UNKNOWN;

    /** True when a line controller must act (reject, divert or stop). */
    public boolean requiresAction() {
        return this != OK;
    }
}
