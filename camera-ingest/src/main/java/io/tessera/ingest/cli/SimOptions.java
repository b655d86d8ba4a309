package io.tessera.ingest.cli;

import io.tessera.ingest.sim.LineSimulator;
import io.tessera.ingest.source.FrameEncoder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the line simulator. */
public final class SimOptions {
    @Option(names = "--lines", paramLabel = "N", description = "sim: production lines (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int lines;

    @Option(names = "--cameras", paramLabel = "N", description = "sim: cameras per line (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int cameras;

    @Option(names = "--seed", paramLabel = "N",
            description = "sim: random seed; the same seed gives byte-identical images (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--defect-rate", paramLabel = "0-1",
            description = "sim: fraction of frames that show a photo with pitting (default: ${DEFAULT-VALUE}).", defaultValue = "0.2")
    double defectRate;

    @Option(names = "--width", paramLabel = "PX", description = "sim: frame width (default: ${DEFAULT-VALUE}).", defaultValue = "2048")
    int width;

    @Option(names = "--height", paramLabel = "PX", description = "sim: frame height (default: ${DEFAULT-VALUE}).", defaultValue = "1080")
    int height;

    @Option(names = "--images", paramLabel = "FOLDER",
            description = "sim: a data set laid out as dev/<class>/*.jpg and masks/<class>/<name>.png, e.g. ../shared/datasets/bsdata"
                    + " (default: the repository's samples/bsdata, which holds only images of the classifier's test groups;"
                    + " the shared dev split also holds its training images, so it is not used unless asked for).")
    Path images;

    @Option(names = "--scale", paramLabel = "X",
            description = "sim: photo scale; 1.0 places photos at native resolution, the scale the classifier was trained at"
                    + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "1.0")
    double scale;

    @Option(names = "--max-images", paramLabel = "N",
            description = "sim: photos held in memory, drawn per class with the seed; 0 = all (default: ${DEFAULT-VALUE}).",
            defaultValue = "64")
    int maxImages;

    @Option(names = "--frames-per-part", paramLabel = "N",
            description = "sim: consecutive frames showing the same part id (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int framesPerPart;

    @Option(names = "--distinct-frames", paramLabel = "N",
            description = "sim: render N distinct images per camera before the run starts and cycle them with fresh headers"
                    + " (frame n shows image n mod N); 0 renders every frame while running, which needs about 25 ms of CPU"
                    + " per 2K JPEG and may not keep up on a busy machine (default: ${DEFAULT-VALUE}, 5 s at 30 frames/s,"
                    + " about 50 MB per camera).",
            defaultValue = "150")
    int distinctFrames;

    @Option(names = "--render-threads", paramLabel = "N",
            description = "sim: threads rendering frames ahead of their send time (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int renderThreads;

    LineSimulator build(String cameraId, String lineId, FrameEncoder encoder) {
        return LineSimulator.builder().lines(lines).camerasPerLine(cameras).cameraId(cameraId).lineId(lineId).seed(seed)
                .defectRate(defectRate).size(width, height).images(images).scale(scale).maxImages(maxImages)
                .framesPerPart(framesPerPart).distinctFrames(distinctFrames).renderThreads(renderThreads).encoder(encoder)
                .build();
    }
}
