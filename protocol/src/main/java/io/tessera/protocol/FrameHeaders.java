package io.tessera.protocol;

/**
 * Names of the Kafka record headers that carry a frame's metadata. Values are UTF-8 text so
 * that the Kafka console consumer ({@code print.headers=true}) shows them as they are.
 */
public final class FrameHeaders {
    /** MIME type, see {@link ContentType}. Required. */
    public static final String CONTENT_TYPE = "tessera.content-type";
    /** Capture time, epoch milliseconds. Required. */
    public static final String CAPTURE_TIME = "tessera.capture-ms";
    /** Sequence number per camera, from 0, without gaps unless frames were lost at the camera. Required. */
    public static final String SEQUENCE = "tessera.seq";
    /** Production line the camera sits on. Required. */
    public static final String LINE_ID = "tessera.line";
    /** Width in pixels: required for raw formats, optional (checked when present) otherwise. */
    public static final String WIDTH = "tessera.width";
    /** Height in pixels: required for raw formats, optional (checked when present) otherwise. */
    public static final String HEIGHT = "tessera.height";
    /** Part (work piece) identifier, when the line tracks parts. Optional. */
    public static final String PART_ID = "tessera.part";
    /** Ground truth for simulated and recorded frames: OK or DEFECT. Optional. */
    public static final String GROUND_TRUTH = "tessera.truth";
    /** Ground-truth defect regions as {@code x,y,w,h;x,y,w,h} in frame pixels. Optional. */
    public static final String GROUND_TRUTH_REGIONS = "tessera.truth-regions";

    /** Dead-letter headers, added to the original frame's headers. */
    public static final String DLQ_REASON = "tessera.dlq.reason";
    public static final String DLQ_DETAIL = "tessera.dlq.detail";
    public static final String DLQ_TIME = "tessera.dlq.time-ms";
    public static final String DLQ_SOURCE_TOPIC = "tessera.dlq.topic";
    public static final String DLQ_SOURCE_PARTITION = "tessera.dlq.partition";
    public static final String DLQ_SOURCE_OFFSET = "tessera.dlq.offset";

    private FrameHeaders() {
    }
}
