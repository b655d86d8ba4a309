package io.tessera.ingest.recording;

import io.tessera.ingest.CapturedFrame;

/**
 * A frame of a recording with where it came from.
 *
 * @param index     position in the recording, from 0
 * @param frame     key, headers and value exactly as consumed; its timestamp is the record's
 * @param partition -1 when unknown
 * @param offset    -1 when unknown
 */
public record RecordedFrame(long index, CapturedFrame frame, String topic, int partition, long offset) {
}
