package dev.emostream.trainer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** Opens a file that may be plain, xz- or gzip-compressed, recognised by its magic bytes, not its name. */
public final class CompressedFiles {
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] GZIP_MAGIC = {0x1F, (byte) 0x8B};

    private CompressedFiles() {
    }

    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(8);
        byte[] head = in.readNBytes(6);
        in.reset();
        if (startsWith(head, XZ_MAGIC)) {
            return new BufferedInputStream(new XZInputStream(in), 1 << 16);
        }
        if (startsWith(head, GZIP_MAGIC)) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
