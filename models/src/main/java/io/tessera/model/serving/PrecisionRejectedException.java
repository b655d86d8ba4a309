package io.tessera.model.serving;

/** An explicitly requested precision failed the self-check's correctness checks: the model does not start. */
public final class PrecisionRejectedException extends IllegalArgumentException {
    private final transient CandidateResult result;

    public PrecisionRejectedException(CandidateResult result, String message) {
        super(message);
        this.result = result;
    }

    public CandidateResult result() {
        return result;
    }
}
