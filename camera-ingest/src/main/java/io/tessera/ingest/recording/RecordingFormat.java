package io.tessera.ingest.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.ingest.CapturedFrame;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The recording format, version 1. A recording is a folder:
 * <pre>
 * recording.json          {"format":"tessera-recording","version":1,"created":"...","topic":"frames","source":"..."}
 * manifest.jsonl          one line per frame, in recording order
 * frames/0000000000.jpg   the record value, byte for byte (extension from the content type header; .bin when unknown)
 * </pre>
 * A manifest line is an envelope {@code {"crc32c":"<8 hex>","entry":<ManifestEntry JSON>}}; the
 * CRC-32C covers the exact UTF-8 bytes of the {@code entry} JSON. A frame file is written and
 * fsync'd before its manifest line, and the manifest is fsync'd after each batch, so after a
 * crash the only possible damage is a torn last line (detected by the envelope or CRC check and
 * ignored) and frame files no manifest line names (ignored). Each frame file's size and
 * CRC-32C are checked again when it is read.
 */
public final class RecordingFormat {
    public static final String FORMAT = "tessera-recording";
    public static final int VERSION = 1;
    public static final String INFO_FILE = "recording.json";
    public static final String MANIFEST = "manifest.jsonl";
    public static final String FRAMES_DIR = "frames";
    private static final String ENVELOPE_PREFIX = "{\"crc32c\":\"";
    private static final String ENTRY_FIELD = "\",\"entry\":";
    private static final int PREFIX_LENGTH = ENVELOPE_PREFIX.length() + 8 + ENTRY_FIELD.length();

    // Optional fields (key, header text/base64) are left out when null, so they may be missing.
    private final ObjectMapper mapper = Json.newMapper().copy()
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** Contents of {@code recording.json}. */
    public record Info(String format, int version, Instant created, String topic, String source) {
    }

    ObjectMapper mapper() {
        return mapper;
    }

    static String crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    static String frameFileName(long n, CapturedFrame frame) {
        String ext = ".bin";
        for (Header h : frame.headers()) {
            if (h.key().equals(FrameHeaders.CONTENT_TYPE) && h.value() != null) {
                String type = new String(h.value(), StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
                ext = switch (type) {
                    case "image/jpeg" -> ".jpg";
                    case "image/png" -> ".png";
                    case "image/bmp" -> ".bmp";
                    default -> ".bin";
                };
            }
        }
        return FRAMES_DIR + "/" + String.format("%010d", n) + ext;
    }

    /** The manifest line (without newline) for a frame whose value went to {@code file}. */
    String line(RecordedFrame recorded, String file) throws JsonProcessingException {
        CapturedFrame f = recorded.frame();
        List<ManifestEntry.HeaderEntry> headers = new ArrayList<>(f.headers().size());
        for (Header h : f.headers()) {
            headers.add(headerEntry(h));
        }
        ManifestEntry entry = new ManifestEntry(recorded.index(), file, f.value().length, crc32c(f.value()),
                recorded.topic(), recorded.partition(), recorded.offset(), f.timestamp().toEpochMilli(), f.key(), headers);
        String json = mapper.writeValueAsString(entry);
        return ENVELOPE_PREFIX + crc32c(json.getBytes(StandardCharsets.UTF_8)) + ENTRY_FIELD + json + "}";
    }

    /** The entry of a manifest line, or empty when the line is torn or corrupt. */
    Optional<ManifestEntry> parse(String line) {
        if (line.length() <= PREFIX_LENGTH || !line.startsWith(ENVELOPE_PREFIX) || !line.endsWith("}")
                || !line.startsWith(ENTRY_FIELD, ENVELOPE_PREFIX.length() + 8)) {
            return Optional.empty();
        }
        String crc = line.substring(ENVELOPE_PREFIX.length(), ENVELOPE_PREFIX.length() + 8);
        String json = line.substring(PREFIX_LENGTH, line.length() - 1);
        if (!crc.equals(crc32c(json.getBytes(StandardCharsets.UTF_8)))) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(json, ManifestEntry.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static ManifestEntry.HeaderEntry headerEntry(Header h) {
        byte[] v = h.value();
        if (v == null) {
            return new ManifestEntry.HeaderEntry(h.key(), null, null);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(v)).toString();
            return new ManifestEntry.HeaderEntry(h.key(), text, null);
        } catch (CharacterCodingException e) {
            return new ManifestEntry.HeaderEntry(h.key(), null, Base64.getEncoder().encodeToString(v));
        }
    }

    static Header header(ManifestEntry.HeaderEntry e) {
        if (e.text() != null) {
            return new RecordHeader(e.name(), e.text().getBytes(StandardCharsets.UTF_8));
        }
        if (e.base64() != null) {
            return new RecordHeader(e.name(), Base64.getDecoder().decode(e.base64()));
        }
        return new RecordHeader(e.name(), (byte[]) null);
    }
}
