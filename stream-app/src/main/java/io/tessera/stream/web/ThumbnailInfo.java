package io.tessera.stream.web;

import io.tessera.protocol.DefectTile;
import java.time.Instant;
import java.util.List;

/**
 * A defect frame's thumbnail as the page sees it: the image is fetched from
 * {@code /api/thumbnails/<id>.jpg}; the tiles are in frame pixels, so the page scales them by
 * {@code width / frameWidth} to outline them on the thumbnail.
 */
record ThumbnailInfo(String id, String cameraId, String lineId, long sequence, String partId, Instant captureTime,
                     double defectScore, double threshold, int frameWidth, int frameHeight, int width, int height,
                     List<DefectTile> tiles, String modelVersion) {
    ThumbnailInfo {
        tiles = List.copyOf(tiles);
    }

    String url() {
        return "/api/thumbnails/" + id + ".jpg";
    }
}
