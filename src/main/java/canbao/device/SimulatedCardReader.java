package canbao.device;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A reader for tests, demonstrations and training, fed from a file of JSON lines ({@link CardJson}):
 * the card on the reader is the file's last line (a trainer "places" a card by appending its line, and
 * lifts it by appending {@code {"result":"noCard"}}); an empty file is a reader with no card on it, a
 * missing file no reader at all. Lines starting with {@code #} are comments.
 */
public final class SimulatedCardReader implements CardReader {

    /** Largest card file read: a training set of a few hundred cards. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path file;

    public SimulatedCardReader(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized CardRead read() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return new CardRead.Failed("reader.simulatedFile", "> " + MAX_FILE_BYTES + " bytes");
            }
            String last = null;
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank() && !line.strip().startsWith("#")) {
                        last = line;
                    }
                }
            }
            return last == null ? CardRead.NO_CARD : CardJson.read(last);
        } catch (NoSuchFileException e) {
            return CardRead.NO_READER;
        } catch (IOException e) {
            return new CardRead.Failed("reader.simulatedFile", e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return new CardRead.Failed("reader.simulatedFile", e.getMessage());
        }
    }
}
