package dev.emostream.inference.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.emostream.inference.TestAssets;
import dev.emostream.schemas.Assets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch, verify and cache against a real HTTP server on loopback that serves the real YuNet file (or not). */
class AssetStoreTest {
    @TempDir
    Path emptyAssets;
    @TempDir
    Path cache;

    private HttpServer server;
    private byte[] served;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, served.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(served);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(DetectorFile f) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + f.fileName());
    }

    @Test
    void aMissingFileIsFetchedVerifiedCachedAndThenServedFromTheCache() throws IOException {
        // Given an assets folder without YuNet and a server that has the genuine file
        served = Files.readAllBytes(TestAssets.shared(Assets.FACE_DETECTOR_YUNET));
        AssetStore store = new AssetStore(emptyAssets, cache, this::url);

        // When it is located twice
        Path first = store.locate(DetectorFile.YUNET);
        Path second = store.locate(DetectorFile.YUNET);

        // Then it was fetched once into the cache, byte for byte, and the second look found it there
        assertThat(first).isEqualTo(cache.resolve(DetectorFile.YUNET.relativePath())).isEqualTo(second);
        assertThat(Files.readAllBytes(first)).isEqualTo(served);
        assertThat(requests).hasValue(1);
        try (var files = Files.list(first.getParent())) {
            assertThat(files).containsExactly(first);
        }
    }

    @Test
    void aDownloadWithTheWrongChecksumIsRefusedAndNotCached() {
        // Given a server that answers with other bytes
        served = "<html>not the model</html>".getBytes();
        AssetStore store = new AssetStore(emptyAssets, cache, this::url);

        // Then locating fails naming both checksums and nothing is left in the cache
        assertThatThrownBy(() -> store.locate(DetectorFile.YUNET))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining("expected " + DetectorFile.YUNET.sha256())
                .hasMessageContaining(Assets.ENV);
        assertThat(cache.resolve(DetectorFile.YUNET.relativePath())).doesNotExist();
    }

    @Test
    void offlineTheErrorNamesTheFileTheUrlAndEmostreamAssets() {
        // Given no local file and a URL nobody answers (a closed loopback port)
        AssetStore store = new AssetStore(emptyAssets, cache, f -> URI.create("http://127.0.0.1:1/" + f.fileName()));

        // Then the error says which file, from where, and how to point the project at a copy
        assertThatThrownBy(() -> store.locate(DetectorFile.YUNET))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining(DetectorFile.YUNET.relativePath())
                .hasMessageContaining("http://127.0.0.1:1/")
                .hasMessageContaining("Set EMOSTREAM_ASSETS");
    }

    @Test
    void aDamagedLocalFileIsNeverUsed() throws IOException {
        // Given an assets folder whose YuNet file is truncated
        Path damaged = emptyAssets.resolve(DetectorFile.YUNET.relativePath());
        Files.createDirectories(damaged.getParent());
        Files.write(damaged, new byte[] {1, 2, 3});
        AssetStore store = new AssetStore(emptyAssets, cache, this::url);

        // Then it is refused with its path and the expected checksum, and nothing is fetched over it
        assertThatThrownBy(() -> store.locate(DetectorFile.YUNET))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining(damaged.toAbsolutePath().toString())
                .hasMessageContaining(DetectorFile.YUNET.sha256());
        assertThat(requests).hasValue(0);
    }
}
