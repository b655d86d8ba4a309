package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.DefectTile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailerTest {

    @Test
    void scalesA2kJpegDownKeepingTheAspectRatioAndTheDarkPit() throws IOException {
        DefectTile pit = new DefectTile(1024, 448, 224, 224, 0.9);
        Thumbnailer.Rendered r = new Thumbnailer(320).render(ContentType.JPEG, 0, 0, DashboardFixtures.jpegFrame(pit));

        assertThat(r.frameWidth()).isEqualTo(2048);
        assertThat(r.frameHeight()).isEqualTo(1080);
        assertThat(r.width()).isEqualTo(320);
        assertThat(r.height()).isEqualTo(169);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(r.jpeg()));
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getHeight()).isEqualTo(169);
        // The pit's centre (1136, 560) in frame pixels is dark in the thumbnail, the surface is not.
        assertThat(luma(thumb.getRGB(1136 * 320 / 2048, 560 * 320 / 2048))).isLessThan(80);
        assertThat(luma(thumb.getRGB(10, 10))).isGreaterThan(100);
    }

    @Test
    void rawMono8AndBgr8() throws IOException {
        byte[] mono = new byte[64 * 32];
        Arrays.fill(mono, (byte) 200);
        Thumbnailer.Rendered m = new Thumbnailer(32).render(ContentType.MONO8, 64, 32, mono);
        assertThat(m.height()).isEqualTo(16);
        assertThat(luma(ImageIO.read(new ByteArrayInputStream(m.jpeg())).getRGB(8, 8))).isBetween(190, 210);

        byte[] bgr = new byte[64 * 32 * 3];
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i + 2] = (byte) 255; // red in BGR order
        }
        int rgb = ImageIO.read(new ByteArrayInputStream(new Thumbnailer(32).render(ContentType.BGR8, 64, 32, bgr).jpeg())).getRGB(8, 8);
        assertThat((rgb >> 16) & 0xff).isGreaterThan(200);
        assertThat(rgb & 0xff).isLessThan(60);
    }

    @Test
    void refusesBytesThatAreNoImage() {
        assertThatThrownBy(() -> new Thumbnailer(320).render(ContentType.JPEG, 0, 0, new byte[] {1, 2, 3}))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new Thumbnailer(320).render(ContentType.MONO8, 64, 32, new byte[10]))
                .isInstanceOf(IOException.class).hasMessageContaining("needs 2048 bytes");
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
    }
}
