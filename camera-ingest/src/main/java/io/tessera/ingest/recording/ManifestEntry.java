package io.tessera.ingest.recording;

import java.util.List;

/**
 * One line of {@code manifest.jsonl} (inside its CRC envelope, see {@link RecordingFormat}).
 *
 * @param n         frame index, from 0, without gaps
 * @param file      path of the value bytes, relative to the recording folder
 * @param size      length of that file
 * @param crc32c    CRC-32C of that file, 8 hex digits
 * @param timestamp record timestamp, epoch milliseconds
 * @param key       record key (camera id), absent when the record had none
 * @param headers   record headers in order
 */
public record ManifestEntry(
        long n,
        String file,
        long size,
        String crc32c,
        String topic,
        int partition,
        long offset,
        long timestamp,
        String key,
        List<HeaderEntry> headers) {

    /**
     * One record header. The value is stored as {@code text} when it is valid UTF-8 (all
     * {@code tessera.*} headers are), otherwise as {@code base64}; both absent means a null value.
     */
    public record HeaderEntry(String name, String text, String base64) {
    }
}
