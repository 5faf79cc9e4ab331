package canbao.cli;

import canbao.policy.CountyKey;
import canbao.policy.CountySigner;
import canbao.policy.PolicyTableException;
import canbao.policy.TableSignature;
import canbao.store.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The county's key files on disk, and the one routine that signs a table file: {@code hub keys init}
 * and {@code hub sign} use it, and so does whatever else saves a signed table (the authoring screen).
 * A key folder holds {@link #PRIVATE_KEY} (0600, never leaves the county) and {@link #KEY_DOCUMENT}
 * (handed to every counter, which pins it).
 */
public final class CountyKeyFiles {

    public static final String PRIVATE_KEY = "county-key.pem";
    public static final String KEY_DOCUMENT = "county-key.json";

    /** The largest table file signed (a real one is about 10 KB). */
    public static final int MAX_TABLE_BYTES = 1 << 20;

    private CountyKeyFiles() {
    }

    /**
     * Makes a new key pair in {@code folder}: the private key 0600 and the key document beside it.
     * Refuses when either file is already there (a county key is replaced deliberately, never by
     * accident: every counter pinned the old one).
     */
    public static CountyKey init(Path folder, String issuer, int fromYear, int toYear) throws IOException {
        Path privateKey = folder.resolve(PRIVATE_KEY);
        Path document = folder.resolve(KEY_DOCUMENT);
        for (Path existing : new Path[] {privateKey, document}) {
            if (Files.exists(existing)) {
                throw new FileAlreadyExistsException(existing.toString());
            }
        }
        CountySigner.Generated generated = CountySigner.generate(issuer, fromYear, toYear);
        Files.createDirectories(folder);
        // created 0600 before a byte is written: the key is never readable by others, not even briefly
        PrivateFiles.file(privateKey);
        Files.write(privateKey, generated.privatePem());
        Files.write(document, generated.keyDocument());
        return generated.signer().publicKey();
    }

    /** The signer of a key folder made by {@link #init}. */
    public static CountySigner signer(Path folder) throws IOException {
        return CountySigner.load(folder.resolve(PRIVATE_KEY).toString(),
                readAtMost(folder.resolve(PRIVATE_KEY), 64 * 1024),
                readAtMost(folder.resolve(KEY_DOCUMENT), CountyKey.MAX_DOCUMENT_BYTES));
    }

    /**
     * Signs a table file as it is on disk and writes {@code TABLE.json.sig} beside it (through a
     * temporary file, moved in whole). The table must pass the strict loader and be of a year the key
     * covers: a counter would refuse anything else, so it is refused here first, with the same words.
     *
     * @return the signature file written
     */
    public static Path sign(CountySigner signer, Path table) throws IOException {
        byte[] bytes = readAtMost(table, MAX_TABLE_BYTES);
        TableSignature signature = signer.sign(bytes);
        // the check a counter makes (strict loader, the key's years), made here on the very bytes signed
        signer.publicKey().verified(table.toString(), bytes, signature.toFile());
        Path target = table.resolveSibling(table.getFileName() + TableSignature.SUFFIX);
        Path part = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
        try {
            Files.write(part, signature.toFile());
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    /** A county key document from a file, as a counter pins it. */
    public static CountyKey readKeyDocument(Path file) throws IOException {
        return CountyKey.parse(file.toString(), readAtMost(file, CountyKey.MAX_DOCUMENT_BYTES));
    }

    /** A file's bytes, refused (as a policy table problem naming it) when longer than {@code limit}. */
    static byte[] readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new PolicyTableException(file.toString(), "", "countyKey.fileTooLarge", limit);
            }
            return bytes;
        }
    }
}
