package io.tessera.ingest.sim;

import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Region;
import java.util.List;
import org.opencv.core.Mat;

/**
 * A composed frame: the pixels and what is really in them.
 *
 * @param image   8-bit BGR canvas; the caller releases it
 * @param regions bounding boxes of the visible defect mask components, frame pixels
 * @param sources names of the photos placed, left to right and top to bottom (for logs and tests)
 */
public record Composition(Mat image, GroundTruth truth, List<Region> regions, List<String> sources) {
    public Composition {
        regions = List.copyOf(regions);
        sources = List.copyOf(sources);
    }
}
