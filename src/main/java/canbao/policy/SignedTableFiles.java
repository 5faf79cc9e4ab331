package canbao.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saving a table the county has authored, signed: the one home of "保存并签名" for the 政策参数 screen
 * and {@code policy sign}. The key folder holds the county's private key and its key document under
 * the names {@code hub keys init} writes; the table is checked by the strict loader and against the
 * years the key may sign before anything is written; the table and its detached signature
 * ({@code FILE.sig}) are each written through a temporary file and moved into place, then read back
 * and verified as a counter will verify them.
 */
public final class SignedTableFiles {

    /** The county's private key (PEM, PKCS#8 Ed25519) in the key folder. */
    public static final String PRIVATE_KEY_FILE = "county-key.pem";
    /** The county's key document (what counters pin) in the key folder. */
    public static final String KEY_DOCUMENT_FILE = "county-key.json";

    private SignedTableFiles() {
    }

    /** The county's signer from a key folder; a missing or wrong file is named. */
    public static CountySigner signer(Path keyFolder) throws IOException {
        Path privateKey = keyFolder.resolve(PRIVATE_KEY_FILE);
        Path document = keyFolder.resolve(KEY_DOCUMENT_FILE);
        for (Path file : new Path[] {privateKey, document}) {
            if (!Files.isRegularFile(file)) {
                throw new PolicyTableException(keyFolder.toString(), "", "table.sign.keyMissing", file.getFileName());
            }
        }
        if (Files.size(document) > CountyKey.MAX_DOCUMENT_BYTES) {
            throw new PolicyTableException(document.toString(), "", "countyKey.tooLarge", CountyKey.MAX_DOCUMENT_BYTES);
        }
        if (Files.size(privateKey) > 64 * 1024) {
            throw new PolicyTableException(privateKey.toString(), "", "countyKey.privateKey");
        }
        return CountySigner.load(keyFolder.toString(), Files.readAllBytes(privateKey), Files.readAllBytes(document));
    }

    /** Where a table file's signature goes: beside it, its name plus {@code .sig}. */
    public static Path signatureOf(Path table) {
        return table.resolveSibling(table.getFileName() + TableSignature.SUFFIX);
    }

    /**
     * Checks {@code tableBytes} strictly and against the key's years, writes them to {@code out} and
     * their signature beside, and verifies both files as read back.
     */
    public static Saved save(byte[] tableBytes, Path out, CountySigner signer) throws IOException {
        CountyKey key = signer.publicKey();
        checkSignable(tableBytes, out, key);
        Path signature = signatureOf(out);
        write(out, tableBytes);
        write(signature, signer.sign(tableBytes).toFile());
        PolicyTable verified = CountyKey.parse(KEY_DOCUMENT_FILE, key.document())
                .verified(out.toString(), Files.readAllBytes(out), Files.readAllBytes(signature));
        return new Saved(verified, out, signature, key.fingerprint());
    }

    /** The largest table file signed (a real one is about 10 KB). */
    public static final int MAX_TABLE_BYTES = PolicyFiles.MAX_TABLE_BYTES;

    /**
     * Signs a table file as it is on disk ({@code hub sign}): the same checks as {@link #save}, on the
     * very bytes read, and {@code FILE.sig} written beside it. The table file itself is not rewritten.
     *
     * @return the signature file written
     */
    public static Path signInPlace(Path table, CountySigner signer) throws IOException {
        byte[] bytes = PolicyFiles.readAtMost(table, MAX_TABLE_BYTES);
        checkSignable(bytes, table, signer.publicKey());
        Path signature = signatureOf(table);
        write(signature, signer.sign(bytes).toFile());
        signer.publicKey().verified(table.toString(), Files.readAllBytes(table), Files.readAllBytes(signature));
        return signature;
    }

    /** The strict loader and the key's years, before anything is written. */
    private static PolicyTable checkSignable(byte[] tableBytes, Path out, CountyKey key) {
        PolicyTable table = PolicyTableLoader.read(out.toString(), new ByteArrayInputStream(tableBytes));
        if (!key.covers(table.year())) {
            throw new PolicyTableException(out.toString(), "policyYear", "table.sign.yearNotCovered", table.year(),
                    key.fromYear(), key.toYear());
        }
        return table;
    }

    /** A table saved and signed: the table as verified, its file, its signature file, the key's fingerprint. */
    public record Saved(PolicyTable table, Path file, Path signature, String keyFingerprint) {
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new NoSuchFileException(String.valueOf(folder));
        }
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes a table file or its signature whole (a temporary file beside, moved in): the file is the old
     * one or the new one, never part of one. Drafts, signed saves and downloaded tables alike.
     */
    public static void writeTable(Path target, byte[] bytes) throws IOException {
        write(target, bytes);
    }
}
