package io.tessera.stream.web;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Verdict;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Frames and verdicts as the pipeline would publish them. */
final class DashboardFixtures {
    static final ModelRef MODEL = new ModelRef("pitting-resnet34", "2026.11.27-a");
    static final double THRESHOLD = 0.62;
    static final int FRAME_WIDTH = 2048;
    static final int FRAME_HEIGHT = 1080;

    private DashboardFixtures() {
    }

    /** A grey 2K steel-like surface with a dark pit inside the given box. */
    static byte[] jpegFrame(DefectTile pit) {
        BufferedImage image = new BufferedImage(FRAME_WIDTH, FRAME_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(150, 152, 155));
        g.fillRect(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
        g.setColor(new Color(120, 122, 126));
        for (int x = 0; x < FRAME_WIDTH; x += 16) {
            g.drawLine(x, 0, x + 40, FRAME_HEIGHT);
        }
        g.setColor(new Color(40, 35, 30));
        g.fillOval(pit.x() + pit.width() / 4, pit.y() + pit.height() / 4, pit.width() / 2, pit.height() / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A frame record keyed by camera with the wire-format headers; its timestamp is the capture time. */
    static ProducerRecord<String, byte[]> frameRecord(String topic, String camera, String line, long seq, Instant capture, byte[] jpeg) {
        RecordHeaders headers = new RecordHeaders();
        FrameMetadata.of(camera, line, seq, capture, ContentType.JPEG)
                .withDimensions(FRAME_WIDTH, FRAME_HEIGHT).withGroundTruth(GroundTruth.DEFECT, List.of())
                .writeTo(headers);
        return new ProducerRecord<>(topic, null, capture.toEpochMilli(), camera, jpeg, headers);
    }

    static Verdict ok(String camera, String line, long seq, Instant capture, double totalMs) {
        return new Verdict(camera, line, seq, "part-" + seq, capture, Decision.OK, null, 0.9, 0.1, THRESHOLD, ThresholdSource.MODEL, 50,
                List.of(), MODEL, capture.plusMillis((long) totalMs), new StageLatency(5, 20, 3, 4, totalMs - 40, totalMs),
                GroundTruth.OK);
    }

    static Verdict defect(String camera, String line, long seq, Instant capture, double totalMs, DefectTile... tiles) {
        return new Verdict(camera, line, seq, "part-" + seq, capture, Decision.DEFECT, null, 0.93, 0.93, THRESHOLD, ThresholdSource.MODEL, 50,
                List.of(tiles), MODEL, capture.plusMillis((long) totalMs), new StageLatency(5, 20, 3, 4, totalMs - 40, totalMs),
                GroundTruth.DEFECT);
    }

    static Verdict late(String camera, String line, long seq, Instant capture) {
        return new Verdict(camera, line, seq, null, capture, Decision.UNKNOWN, "late", 0, 0, THRESHOLD, ThresholdSource.MODEL, 0,
                List.of(), MODEL, capture.plusMillis(2500), new StageLatency(2400, 0, 0, 0, 0, 2500), null);
    }
}
