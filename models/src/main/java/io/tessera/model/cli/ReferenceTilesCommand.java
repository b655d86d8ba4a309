package io.tessera.model.cli;

import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ReferenceTiles;
import io.tessera.model.serving.ReferenceTilesMaker;
import io.tessera.model.serving.ServingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera model reference-tiles}: the tiles and fp32 scores the precision self-check compares against. */
@Command(name = "reference-tiles", mixinStandardHelpOptions = true,
        description = {"Cuts reference tiles from real images with the model card's tiling, scores them at fp32 and"
            + " stores them beside the card (" + ReferenceTiles.IMAGE_FILE + ", " + ReferenceTiles.INDEX_FILE + ").",
            "Before a reduced precision (bf16, fp16) serves, it must score these tiles like fp32 does."})
public final class ReferenceTilesCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (SavedModel + model-card.json).")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset folder with images the model never saw in training (e.g. samples/bsdata).")
    Path data;

    @Option(names = "--count", defaultValue = "64", description = "Tiles to keep, spread over the images (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() throws Exception {
        List<LabeledImage> images = DatasetIndex.scan(data).images();
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images in " + data);
        }
        try (DjlTileClassifier fp32 = DjlTileClassifier.load(model, ServingOptions.of(Precision.FP32))) {
            ReferenceTiles.Index index = new ReferenceTilesMaker(fp32).make(images, count, model, System.err::println);
            long defects = index.tiles().stream().filter(t -> t.fp32Score() >= index.threshold()).count();
            System.out.println("wrote " + index.tiles().size() + " reference tiles (" + defects + " above the threshold "
                    + index.threshold() + ") to " + model.resolve(ReferenceTiles.IMAGE_FILE) + " and "
                    + model.resolve(ReferenceTiles.INDEX_FILE));
        }
        return 0;
    }
}
