package canbao.hub;

import canbao.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The hub's signing key (HMAC-SHA256 of every batch answer) in a file of its own, 0600, base64 on one
 * line: not in the database, whose backups and dumps travel further than a key should.
 */
final class SigningKeyFile {

    private SigningKeyFile() {
    }

    /** The key in the file, or null when there is no file yet; the file is made 0600 if it was not. */
    static byte[] read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            PrivateFiles.restrict(file);
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < 32) {
                throw new IllegalStateException("the hub's signing key file " + file + " holds no key of 32 bytes");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("the hub's signing key file " + file + " holds no key of 32 bytes");
        }
    }

    /** Writes the key through a 0600 temporary file moved into place. */
    static void write(Path file, byte[] key) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            PrivateFiles.writeWhole(file, (Base64.getEncoder().encodeToString(key) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
