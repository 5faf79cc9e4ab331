package canbao.account;

import canbao.store.DataKey;
import canbao.store.PrivateFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code keyring.json} next to the database: the one {@link DataKey} of the folder, wrapped once per
 * operator account. A slot holds a random salt, the PBKDF2-HMAC-SHA256 iteration count, and the data
 * key sealed with AES-256-GCM under the key derived from that operator's password; the login is the
 * GCM associated data, so a slot copied under another login does not open. No password, hash of one or
 * data key is stored in clear: a lost laptop's files are unreadable without an operator's password.
 *
 * <p>A wrong password is a failed GCM tag. Five in a row lock the login for 15 minutes; the count lives
 * here because it must be checked before the database can be opened, and a second time in the user's
 * state folder ({@link LockoutMirror}) so that editing or restoring this file does not reset it. It slows a person at the counter;
 * someone holding the file can guess offline at the pace PBKDF2 allows, which is what the iteration count
 * is for.
 */
public final class Keyring {

    public static final String FILE_NAME = "keyring.json";
    public static final int MAX_ATTEMPTS = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.5 s per sign-in on the 2-core test machine. */
    public static final int ITERATIONS = 600_000;

    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final String WRAP = "AES/GCM/NoPadding";
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What signing in with a password came to. */
    public sealed interface Unlock {
        record Opened(DataKey key) implements Unlock {
        }

        /** Unknown login or wrong password — not told apart, so logins cannot be probed. */
        record Refused(int attemptsLeft) implements Unlock {
        }

        record Locked(Instant until) implements Unlock {
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Slot(String login, String salt, int iterations, String nonce, String wrappedKey, int failedAttempts,
                String lockedUntil) {

        Slot withFailures(int failures, Instant until) {
            return new Slot(login, salt, iterations, nonce, wrappedKey, failures, until == null ? null : until.toString());
        }

        Instant lockEnd() {
            return lockedUntil == null ? null : Instant.parse(lockedUntil);
        }

        String mirrorKey() {
            return LockoutMirror.key(login, salt, nonce, wrappedKey);
        }
    }

    /**
     * @param decoys failed tries of logins that have no slot, counted like real ones (by a hash of the
     *               login), so an unknown login reads the same as a known one; absent in older files
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record File(int format, List<Slot> slots, List<Decoy> decoys) {
        File {
            slots = new ArrayList<>(slots);
            decoys = decoys == null ? new ArrayList<>() : new ArrayList<>(decoys);
        }

        File(int format, List<Slot> slots) {
            this(format, slots, List.of());
        }
    }

    /** An unknown login's failed tries and lock, by the SHA-256 of the login (the login itself is not kept). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Decoy(String loginHash, int failedAttempts, String lockedUntil) {
        Instant lockEnd() {
            return lockedUntil == null ? null : Instant.parse(lockedUntil);
        }
    }

    /** Unknown logins remembered at most; the oldest are forgotten first (a guesser cannot grow the file). */
    static final int MAX_DECOYS = 200;

    private final Path file;
    private final Clock clock;
    private final LockoutMirror mirror;

    public Keyring(Path folder, Clock clock) {
        this(folder, clock, LockoutMirror.forUser());
    }

    Keyring(Path folder, Clock clock, LockoutMirror mirror) {
        this.file = folder.resolve(FILE_NAME);
        this.clock = clock;
        this.mirror = mirror;
    }

    public static boolean exists(Path folder) {
        return Files.exists(folder.resolve(FILE_NAME));
    }

    /** First run: a new data key, with the first (administrator's) slot. */
    public synchronized DataKey create(String login, char[] password) {
        if (Files.exists(file)) {
            throw new IllegalStateException("this data folder already has a keyring");
        }
        DataKey key = DataKey.random();
        write(new File(1, List.of(seal(login, password, key))));
        return key;
    }

    /**
     * Tries a password. The slow key derivation runs outside any lock; the count of failures is read,
     * changed and written under the keyring's lock (this JVM's and the operating system's), so tries
     * made at the same moment by several windows or processes are each counted.
     */
    public Unlock unlock(String login, char[] password) {
        Optional<Slot> found = read().slots().stream().filter(s -> s.login().equals(login)).findFirst();
        if (found.isEmpty()) {
            derive(password, new byte[SALT_BYTES], ITERATIONS); // as slow as a real attempt
            return unknown(login);
        }
        Slot slot = withMirror(found.get());
        Instant now = clock.instant();
        if (slot.lockEnd() != null && now.isBefore(slot.lockEnd())) {
            return new Unlock.Locked(slot.lockEnd());
        }
        Optional<DataKey> key = open(slot, password);
        return underLock(() -> {
            File contents = read();
            Optional<Slot> current = contents.slots().stream().filter(s -> s.login().equals(login)).findFirst();
            if (current.isEmpty()) {
                return new Unlock.Refused(MAX_ATTEMPTS); // removed meanwhile
            }
            Slot fresh = withMirror(current.get());
            Instant at = clock.instant();
            if (fresh.lockEnd() != null && at.isBefore(fresh.lockEnd())) {
                return new Unlock.Locked(fresh.lockEnd()); // locked meanwhile by tries made at the same time
            }
            if (key.isPresent()) {
                if (fresh.failedAttempts() > 0 || fresh.lockedUntil() != null) {
                    replace(contents, fresh.withFailures(0, null));
                }
                return new Unlock.Opened(key.get());
            }
            int failures = fresh.lockedUntil() != null ? 1 : fresh.failedAttempts() + 1; // a lock served starts afresh
            if (failures >= MAX_ATTEMPTS) {
                Instant until = at.plus(LOCKOUT);
                replace(contents, fresh.withFailures(failures, until));
                return new Unlock.Locked(until);
            }
            replace(contents, fresh.withFailures(failures, null));
            return new Unlock.Refused(MAX_ATTEMPTS - failures);
        });
    }

    /**
     * An unknown login is refused exactly as a wrong password of a known one is: the tries left count
     * down and five lock it for the same time, so the answers do not tell which logins exist.
     */
    private Unlock unknown(String login) {
        String hash = canbao.model.Sha256.hex(("canbao-keyring-login:" + login).getBytes(StandardCharsets.UTF_8));
        return underLock(() -> {
            File contents = read();
            Instant at = clock.instant();
            List<Decoy> decoys = contents.decoys();
            Decoy decoy = decoys.stream().filter(d -> d.loginHash().equals(hash)).findFirst()
                    .orElse(new Decoy(hash, 0, null));
            if (decoy.lockEnd() != null && at.isBefore(decoy.lockEnd())) {
                return new Unlock.Locked(decoy.lockEnd());
            }
            int failures = decoy.lockedUntil() != null ? 1 : decoy.failedAttempts() + 1;
            Instant until = failures >= MAX_ATTEMPTS ? at.plus(LOCKOUT) : null;
            decoys.removeIf(d -> d.loginHash().equals(hash));
            decoys.add(new Decoy(hash, failures, until == null ? null : until.toString()));
            while (decoys.size() > MAX_DECOYS) {
                decoys.remove(0);
            }
            write(new File(contents.format(), contents.slots(), decoys));
            return until != null ? new Unlock.Locked(until) : new Unlock.Refused(MAX_ATTEMPTS - failures);
        });
    }

    /** One keyring file, one lock in this JVM (a FileLock is per process, not per thread or object). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> JVM_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs a read-modify-write of the keyring under this JVM's lock and the operating system's. */
    private <T> T underLock(java.util.function.Supplier<T> work) {
        Path lockFile = file.toAbsolutePath().resolveSibling(FILE_NAME + ".lock");
        synchronized (JVM_LOCKS.computeIfAbsent(lockFile, path -> new Object())) {
            PrivateFiles.file(lockFile);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                 java.nio.channels.FileLock lock = channel.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new UncheckedIOException("keyring " + file + " cannot be locked", e);
            }
        }
    }

    /** A new operator, or a new password for one (which also lifts a lock); needs the open data key. */
    public void put(String login, char[] password, DataKey key) {
        Slot sealed = seal(login, password, key);
        underLock(() -> {
            File contents = read();
            List<Slot> slots = contents.slots();
            forgetTries(slots, login);
            slots.removeIf(s -> s.login().equals(login));
            slots.add(sealed);
            write(new File(1, slots, contents.decoys()));
            return null;
        });
    }

    /** A disabled operator's slot goes: that password no longer opens the data. */
    public void remove(String login) {
        underLock(() -> {
            File contents = read();
            List<Slot> slots = contents.slots();
            forgetTries(slots, login);
            if (slots.removeIf(s -> s.login().equals(login))) {
                write(new File(1, slots, contents.decoys()));
            }
            return null;
        });
    }

    public void liftLock(String login) {
        underLock(() -> {
            File contents = read();
            contents.slots().stream().filter(s -> s.login().equals(login)).findFirst()
                    .ifPresent(slot -> replace(contents, slot.withFailures(0, null)));
            return null;
        });
    }

    /** The logins locked now, with when each lock ends: one read of the file for the whole list. */
    public synchronized Map<String, Instant> locks() {
        Instant now = clock.instant();
        Map<String, Instant> locks = new HashMap<>();
        for (Slot stored : read().slots()) {
            Slot slot = withMirror(stored);
            if (slot.lockEnd() != null && now.isBefore(slot.lockEnd())) {
                locks.put(slot.login(), slot.lockEnd());
            }
        }
        return locks;
    }

    /** A slot about to be replaced or removed takes its mirrored tries with it (a new password lifts a lock). */
    private void forgetTries(List<Slot> slots, String login) {
        slots.stream().filter(s -> s.login().equals(login)).findFirst()
                .ifPresent(old -> mirror.update(old.mirrorKey(), previous -> null));
    }

    /**
     * The slot with the larger failure count and the later lock of the keyring's and the mirror's, so
     * an edited or restored keyring.json does not undo tries counted.
     */
    private Slot withMirror(Slot slot) {
        Optional<LockoutMirror.Entry> kept = mirror.get(slot.mirrorKey());
        if (kept.isEmpty()) {
            return slot;
        }
        Instant mirrored = kept.get().lockEnd();
        Instant lockEnd = slot.lockEnd() == null ? mirrored
                : mirrored == null || slot.lockEnd().isAfter(mirrored) ? slot.lockEnd() : mirrored;
        return slot.withFailures(Math.max(slot.failedAttempts(), kept.get().failedAttempts()), lockEnd);
    }

    /** Writes a slot's changed failures to the mirror, then to the keyring (a crash between leaves more counted, not fewer). */
    private void replace(File contents, Slot changed) {
        mirror.update(changed.mirrorKey(), previous -> changed.failedAttempts() == 0 && changed.lockedUntil() == null
                ? null : new LockoutMirror.Entry(changed.failedAttempts(), changed.lockedUntil()));
        List<Slot> updated = new ArrayList<>(contents.slots());
        updated.replaceAll(s -> s.login().equals(changed.login()) ? changed : s);
        write(new File(1, updated, contents.decoys()));
    }

    private static Slot seal(String login, char[] password, DataKey key) {
        byte[] salt = random(SALT_BYTES);
        byte[] nonce = random(NONCE_BYTES);
        byte[] wrapping = derive(password, salt, ITERATIONS);
        try {
            Cipher cipher = Cipher.getInstance(WRAP);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrapping, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(login));
            byte[] sealed = cipher.doFinal(key.bytes());
            Base64.Encoder base64 = Base64.getEncoder();
            return new Slot(login, base64.encodeToString(salt), ITERATIONS, base64.encodeToString(nonce),
                    base64.encodeToString(sealed), 0, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        } finally {
            Arrays.fill(wrapping, (byte) 0);
        }
    }

    private static Optional<DataKey> open(Slot slot, char[] password) {
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] wrapping = derive(password, base64.decode(slot.salt()), slot.iterations());
        try {
            Cipher cipher = Cipher.getInstance(WRAP);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrapping, "AES"),
                    new GCMParameterSpec(TAG_BITS, base64.decode(slot.nonce())));
            cipher.updateAAD(associatedData(slot.login()));
            return Optional.of(new DataKey(cipher.doFinal(base64.decode(slot.wrappedKey()))));
        } catch (AEADBadTagException wrongPassword) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyring slot of an operator cannot be read", e);
        } finally {
            Arrays.fill(wrapping, (byte) 0);
        }
    }

    private static byte[] associatedData(String login) {
        return ("canbao-keyring-1:" + login).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private File read() {
        try {
            return JSON.readValue(file.toFile(), File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("keyring " + file + " cannot be read", e);
        }
    }

    /** Written beside and moved over the old one, flushed first: a power cut leaves one whole keyring. */
    private void write(File contents) {
        try {
            PrivateFiles.folder(file.getParent());
            PrivateFiles.writeWhole(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(contents));
        } catch (IOException e) {
            throw new UncheckedIOException("keyring " + file + " cannot be written", e);
        }
    }
}
