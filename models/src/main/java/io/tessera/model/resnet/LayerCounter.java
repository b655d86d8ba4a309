package io.tessera.model.resnet;

/**
 * Counts trainable parameters and multiply-adds while the graph is built, from the same calls
 * that make the layers, so {@code model info} cannot drift from the real network. Only
 * convolutions and the dense layer count as multiply-adds (the reference convention).
 */
public final class LayerCounter {
    private long params;
    private long multiplyAdds;

    void addParams(long count) {
        params += count;
    }

    void addMultiplyAdds(long count) {
        multiplyAdds += count;
    }

    public long params() {
        return params;
    }

    public long multiplyAdds() {
        return multiplyAdds;
    }
}
