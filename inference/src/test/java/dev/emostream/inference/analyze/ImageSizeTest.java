package dev.emostream.inference.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.inference.TestAssets;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Image sizes read from headers, without decoding. */
class ImageSizeTest {

    @Test
    void realImagesDeclareTheirSize() throws Exception {
        assertThat(ImageSize.of(TestAssets.jpeg("fr_obama.jpg"))).isEqualTo(new ImageSize(910, 1137));
        assertThat(ImageSize.of(Files.readAllBytes(TestAssets.media("astronaut.png")))).isEqualTo(new ImageSize(512, 512));
        assertThat(ImageSize.of(Files.readAllBytes(TestAssets.media("fr_obama.jpg")))).isEqualTo(new ImageSize(910, 1137));
    }

    @Test
    void aTinyJpegDeclaringAHugeImageIsReadAsHuge() {
        // Given a JPEG header (SOI, an APP0 segment, SOF0) declaring 20000 x 20000, and no pixels worth the name
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0x4E, 0x20, 0x4E, 0x20, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        b.writeBytes(new byte[200]);

        // Then its declared size is read as 20000 x 20000 (400 megapixels)
        assertThat(ImageSize.of(b.toByteArray())).isEqualTo(new ImageSize(20000, 20000));
        assertThat(ImageSize.of(b.toByteArray()).pixels()).isEqualTo(400_000_000L);
    }

    @Test
    void bytesThatAreNoImageHaveNoSize() {
        assertThat(ImageSize.of(new byte[] {1, 2, 3})).isNull();
        assertThat(ImageSize.of(new byte[64])).isNull();
    }
}
