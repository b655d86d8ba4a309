package io.tessera.stream.web;

import io.tessera.protocol.ContentType;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Scales a frame down to a small JPEG. Uses the JDK's image codecs rather than OpenCV so the
 * dashboard needs no native library; a 2K JPEG is subsampled while it is decoded, which keeps
 * the cost of a thumbnail to a few tens of milliseconds.
 */
final class Thumbnailer {
    private static final float JPEG_QUALITY = 0.8f;

    private final int width;

    Thumbnailer(int width) {
        this.width = width;
    }

    /** A scaled-down JPEG of a frame and the frame's own size, which the defect boxes refer to. */
    record Rendered(byte[] jpeg, int width, int height, int frameWidth, int frameHeight) {
    }

    /**
     * @throws IOException when the bytes are not an image of the given type
     */
    Rendered render(ContentType type, int declaredWidth, int declaredHeight, byte[] bytes) throws IOException {
        BufferedImage decoded;
        int frameWidth;
        int frameHeight;
        if (type.isRaw()) {
            decoded = raw(type, declaredWidth, declaredHeight, bytes);
            frameWidth = declaredWidth;
            frameHeight = declaredHeight;
        } else {
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new IOException("no image reader for a " + type + " frame");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    frameWidth = reader.getWidth(0);
                    frameHeight = reader.getHeight(0);
                    ImageReadParam param = reader.getDefaultReadParam();
                    // Decode at about twice the thumbnail size, then smooth the last step.
                    int step = Math.max(1, frameWidth / (width * 2));
                    param.setSourceSubsampling(step, step, 0, 0);
                    decoded = reader.read(0, param);
                } finally {
                    reader.dispose();
                }
            }
        }
        int height = Math.max(1, (int) Math.round((double) frameHeight * width / frameWidth));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(decoded, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return new Rendered(jpeg(scaled), width, height, frameWidth, frameHeight);
    }

    private static BufferedImage raw(ContentType type, int w, int h, byte[] bytes) throws IOException {
        if (w <= 0 || h <= 0 || (long) w * h * type.channels() != bytes.length) {
            throw new IOException("a " + w + "x" + h + " " + type + " frame needs " + (long) w * h * type.channels()
                    + " bytes, got " + bytes.length);
        }
        // TYPE_3BYTE_BGR keeps its pixels in memory exactly as bgr8 frames do: a plain copy.
        BufferedImage image = new BufferedImage(w, h,
                type == ContentType.MONO8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(bytes, 0, pixels, 0, bytes.length);
        return image;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
