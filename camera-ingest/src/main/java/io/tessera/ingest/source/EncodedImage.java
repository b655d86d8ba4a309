package io.tessera.ingest.source;

import io.tessera.protocol.ContentType;

/** Image bytes in a wire format, with the pixel size they decode to. */
public record EncodedImage(byte[] bytes, ContentType contentType, int width, int height) {
}
