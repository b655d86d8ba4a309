package io.tessera.model.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import java.nio.FloatBuffer;

/**
 * Tiles in, defect probabilities out. The tiles arrive already normalised by the shared
 * {@link io.tessera.vision.TileExtractor}, built from this model's card (the same code training
 * used), so this translator only checks that they were cut for this model and packs them NHWC
 * on the CPU: TensorFlow moves them to a GPU itself when it has one.
 */
final class TileTranslator implements NoBatchifyTranslator<TileBatch, float[]> {
    private final ModelCard card;

    TileTranslator(ModelCard card) {
        this.card = card;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TileBatch batch) {
        if (batch.size() != card.inputSize()) {
            throw new IllegalArgumentException("tiles of " + batch.size() + "x" + batch.size() + " given to model "
                    + card.name() + ", whose card says inputSize " + card.inputSize()
                    + ": cut tiles with TileExtractor(card.tiling(), card.normalization())");
        }
        int floats = batch.count() * batch.size() * batch.size() * 3;
        NDArray x = ctx.getNDManager().create(FloatBuffer.wrap(batch.pixels(), 0, floats),
                new Shape(batch.count(), batch.size(), batch.size(), 3));
        x.setName(card.inputName());
        return new NDList(x);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        NDArray out = list.contains(card.outputName()) ? list.get(card.outputName()) : list.singletonOrThrow();
        return out.toFloatArray();
    }
}
