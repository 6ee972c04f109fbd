package dev.emostream.inference.assets;

import dev.emostream.schemas.Assets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a {@link DetectorFile}: in the assets folder ({@code --assets}, {@code $EMOSTREAM_ASSETS} or
 * {@code ../shared}), else in the cache ({@code $EMOSTREAM_CACHE}, default {@code ~/.cache/emostream}), else
 * fetches it from its canonical URL, checks its sha256 and size, and caches it. Every file it returns has the
 * expected sha256; a file that does not is an error, never used. Offline, the error names the file, the URL
 * and {@code EMOSTREAM_ASSETS}.
 *
 * <pre>{@code
 * Path onnx = AssetStore.standard(assets).locate(DetectorFile.YUNET);
 * }</pre>
 */
public final class AssetStore {
    private static final Logger LOG = LoggerFactory.getLogger(AssetStore.class);
    public static final String CACHE_ENV = "EMOSTREAM_CACHE";

    private final Path assetsRoot;
    private final Path cacheDir;
    private final Function<DetectorFile, URI> source;
    private final HttpClient http;

    /**
     * @param assetsRoot the assets folder, or null for the default ({@link Assets#root})
     * @param cacheDir   where fetched files are kept
     * @param source     where each file is fetched from (the canonical URL in production; a loopback server in tests)
     */
    public AssetStore(Path assetsRoot, Path cacheDir, Function<DetectorFile, URI> source) {
        this.assetsRoot = Assets.root(assetsRoot);
        this.cacheDir = cacheDir;
        this.source = source;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The store of a deployment: the given or default assets folder, the default cache, the canonical URLs. */
    public static AssetStore standard(Path assetsRoot) {
        return new AssetStore(assetsRoot, defaultCache(), DetectorFile::url);
    }

    /** {@code $EMOSTREAM_CACHE}, else {@code ~/.cache/emostream}. */
    public static Path defaultCache() {
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "emostream");
    }

    public Path assetsRoot() {
        return assetsRoot;
    }

    /** The file in the assets folder or the cache if it is there (verified), else null; never fetches. */
    public Path findLocal(DetectorFile file) {
        for (Path p : new Path[] {assetsRoot.resolve(file.relativePath()), cacheDir.resolve(file.relativePath())}) {
            if (Files.isRegularFile(p)) {
                verify(file, p);
                return p;
            }
        }
        return null;
    }

    /** The verified file: local, cached, or fetched now; throws {@link AssetUnavailableException} saying why and how to fix it. */
    public Path locate(DetectorFile file) {
        Path local = findLocal(file);
        if (local != null) {
            return local;
        }
        URI url = source.apply(file);
        Path target = cacheDir.resolve(file.relativePath());
        LOG.info("{} is not in {}; fetching it from {}", file.fileName(), assetsRoot.toAbsolutePath(), url);
        try {
            fetch(file, url, target);
        } catch (IOException | RuntimeException e) {
            throw new AssetUnavailableException(file.relativePath() + " is not in the assets folder " + assetsRoot.toAbsolutePath()
                    + " and could not be fetched from " + url + " (" + e.getMessage() + "). Set " + Assets.ENV
                    + " (or --assets) to a folder that holds " + file.relativePath() + ", or copy the file to "
                    + target.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetUnavailableException("interrupted while fetching " + url, e);
        }
        LOG.info("Fetched {} (sha256 verified) into {}", file.fileName(), target.toAbsolutePath());
        return target;
    }

    private void fetch(DetectorFile file, URI url, Path target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            Files.createDirectories(target.getParent());
            Path part = Files.createTempFile(target.getParent(), file.fileName(), ".part");
            try {
                MessageDigest sha = sha256();
                long n = copyBounded(new DigestInputStream(body, sha), part, file.maxDownloadBytes());
                String got = HexFormat.of().formatHex(sha.digest());
                if (!got.equals(file.sha256())) {
                    throw new IOException("the download (" + n + " bytes) has sha256 " + got + ", expected " + file.sha256() + "; not cached");
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    private static long copyBounded(InputStream in, Path to, long max) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                total += r;
                if (total > max) {
                    throw new IOException("the download is larger than " + max + " bytes");
                }
                out.write(buf, 0, r);
            }
        }
        return total;
    }

    private static void verify(DetectorFile file, Path p) {
        String got;
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha256())) {
            MessageDigest sha = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(OutputStream.nullOutputStream());
            got = HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        if (!got.equals(file.sha256())) {
            throw new AssetUnavailableException(p.toAbsolutePath() + " has sha256 " + got + " but " + file.fileName()
                    + " must have " + file.sha256() + ": the file is damaged or another version; delete it or replace it with the one from "
                    + file.url());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
