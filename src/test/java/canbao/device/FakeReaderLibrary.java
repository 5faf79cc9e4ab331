package canbao.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The fake vendor library of the reader tests, built with gcc from {@code src/test/c/fakereader.c} into
 * {@code target/fake-reader/} as {@code libtermb.so} and {@code libsdtapi.so} (one library exporting both
 * families' functions). Without gcc the calling test is skipped on a developer's machine and fails
 * under CI (where {@code .ci/run} installs gcc).
 */
public final class FakeReaderLibrary {

    /** The folder the fake libraries are built into. */
    public static final Path FOLDER = Path.of("target", "fake-reader").toAbsolutePath();

    private FakeReaderLibrary() {
    }

    /** Builds the fake libraries (again) and returns their folder. */
    public static synchronized Path build() throws IOException, InterruptedException {
        Files.createDirectories(FOLDER);
        Path library = FOLDER.resolve("libtermb.so");
        // built beside, then moved in: a helper of another test may be loading the library right now
        Path built = Files.createTempFile(FOLDER, "libfake", ".so");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-Wall", "-o", built.toString(),
                    Path.of("src", "test", "c", "fakereader.c").toString()).inheritIO().start();
        } catch (IOException e) {
            Files.deleteIfExists(built);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("gcc is needed to build the fake reader library (apt-get install gcc)", e);
            }
            Assumptions.abort("gcc not installed: the vendor adapters are not tested");
            return FOLDER;
        }
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc took too long");
        assertEquals(0, gcc.exitValue(), "gcc failed");
        Files.copy(built, FOLDER.resolve("libsdtapi.so"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(built, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return FOLDER;
    }
}
