package canbao.account;

import canbao.store.PrivateFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The failed sign-in tries of each keyring slot, kept a second time outside the data folder (in the
 * user's state folder), so that editing {@code keyring.json}, or putting back an older copy of it, does
 * not reset a lockout: the program counts the larger of the two. An entry is named by a hash of the
 * slot's login and sealed contents, so pointing a slot at another entry breaks the slot itself.
 *
 * <p>Its limit, stated in the README: someone who finds and deletes this file as well resets the count,
 * and someone holding the files can guess offline at the pace of the key derivation anyway.
 */
final class LockoutMirror {

    static final String STATE_PROPERTY = "canbao.state.dir";
    /** Entries kept at most; the oldest go first, so the file stays small whatever is tried. */
    static final int MAX_ENTRIES = 500;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(int failedAttempts, String lockedUntil) {
        Instant lockEnd() {
            return lockedUntil == null ? null : Instant.parse(lockedUntil);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object JVM_LOCK = new Object();

    private final Path file;

    LockoutMirror(Path stateFolder) {
        this.file = stateFolder.resolve("lockout.json");
    }

    /** {@code -Dcanbao.state.dir}, else {@code $XDG_STATE_HOME/canbao}, else {@code ~/.local/state/canbao}. */
    static LockoutMirror forUser() {
        String configured = System.getProperty(STATE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new LockoutMirror(Path.of(configured));
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return new LockoutMirror(base.resolve("canbao"));
    }

    /** The name of a slot's entry: changes whenever the slot's login or sealed contents change. */
    static String key(String login, String salt, String nonce, String wrappedKey) {
        return canbao.model.Sha256.hex(("canbao-lockout-1:" + login + ":" + salt + ":" + nonce + ":" + wrappedKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(read().get(key));
    }

    /** Changes one entry (null removes it) under this JVM's lock and the operating system's. */
    void update(String key, UnaryOperator<Entry> change) {
        synchronized (JVM_LOCK) {
            PrivateFiles.folder(file.getParent());
            Path lockFile = file.resolveSibling("lockout.json.lock");
            PrivateFiles.file(lockFile);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                 java.nio.channels.FileLock lock = channel.lock()) {
                Map<String, Entry> entries = read();
                Entry changed = change.apply(entries.remove(key));
                if (changed == null && !Files.exists(file)) {
                    return;
                }
                if (changed != null) {
                    entries.put(key, changed); // last in the order: the newest
                }
                while (entries.size() > MAX_ENTRIES) {
                    entries.remove(entries.keySet().iterator().next());
                }
                write(entries);
            } catch (IOException e) {
                throw new UncheckedIOException("sign-in state " + file + " cannot be written", e);
            }
        }
    }

    private Map<String, Entry> read() {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Entry> entries = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Entry>>() {
            });
            return entries == null ? new LinkedHashMap<>() : entries;
        } catch (IOException unreadable) {
            // a damaged file counts nothing, as a deleted one would: the keyring's own count still holds
            return new LinkedHashMap<>();
        }
    }

    private void write(Map<String, Entry> entries) throws IOException {
        PrivateFiles.writeWhole(file, JSON.writeValueAsBytes(entries));
    }
}
