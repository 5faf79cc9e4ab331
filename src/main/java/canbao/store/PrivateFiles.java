package canbao.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder and its files are the operator's alone, whatever the umask: the folder 0700, the
 * database, its WAL and the keyring 0600 (SQLite gives a new WAL the database file's permissions, so the
 * database file is made 0600 before SQLite first opens it). No-ops where the file system has no POSIX
 * permissions (Windows keeps the user profile private).
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the folder if needed and makes it 0700. */
    public static void folder(Path folder) {
        try {
            Files.createDirectories(folder);
            if (POSIX) {
                Files.setPosixFilePermissions(folder, FOLDER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the file empty and 0600 if it does not exist, else makes it 0600. */
    public static void file(Path file) {
        try {
            if (POSIX && !Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                restrict(file);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            restrict(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes an existing file 0600 (a WAL or keyring left by an older release). */
    public static void restrict(Path file) {
        try {
            if (POSIX && Files.exists(file)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, uniquely named 0600 file beside {@code next}, for a write that is then moved over it. */
    public static Path temporaryBeside(Path next) throws IOException {
        Path folder = next.toAbsolutePath().getParent();
        String prefix = next.getFileName() + ".";
        return POSIX ? Files.createTempFile(folder, prefix, ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(folder, prefix, ".tmp");
    }

    /**
     * Writes a private file whole: a unique 0600 temporary file beside it (two writers never share one),
     * flushed to the disk, then moved over the old one — a power cut leaves the old file or the new one.
     */
    public static void writeWhole(Path file, byte[] bytes) throws IOException {
        Path temporary = temporaryBeside(file);
        try {
            Files.write(temporary, bytes);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
