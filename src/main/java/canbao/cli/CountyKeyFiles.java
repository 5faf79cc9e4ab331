package canbao.cli;

import canbao.policy.CountyKey;
import canbao.policy.PolicyFiles;
import canbao.policy.CountySigner;
import canbao.policy.SignedTableFiles;
import canbao.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The county's key files on disk, and the one routine that signs a table file: {@code hub keys init}
 * and {@code hub sign} use it, and so does whatever else saves a signed table (the authoring screen).
 * A key folder holds {@link #PRIVATE_KEY} (0600, never leaves the county) and {@link #KEY_DOCUMENT}
 * (handed to every counter, which pins it).
 */
public final class CountyKeyFiles {

    public static final String PRIVATE_KEY = SignedTableFiles.PRIVATE_KEY_FILE;
    public static final String KEY_DOCUMENT = SignedTableFiles.KEY_DOCUMENT_FILE;

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
        return SignedTableFiles.signer(folder);
    }

    /** Signs a table file as it is on disk: {@link SignedTableFiles#signInPlace}, the one home of signing. */
    public static Path sign(CountySigner signer, Path table) throws IOException {
        return SignedTableFiles.signInPlace(table, signer);
    }

    /** A county key document from a file, as a counter pins it. */
    public static CountyKey readKeyDocument(Path file) throws IOException {
        return CountyKey.parse(file.toString(), PolicyFiles.readAtMost(file, CountyKey.MAX_DOCUMENT_BYTES));
    }
}
