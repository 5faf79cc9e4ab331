package canbao.policy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The county's signing half: an Ed25519 private key (PKCS#8, PEM) with the key document it belongs
 * to. It signs table files; it never leaves the county's machine. Writing the files with private
 * permissions is the caller's (the {@code hub keys init} command), as this layer touches no files.
 */
public final class CountySigner {

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    private static final int MAX_PEM_BYTES = 8 * 1024;

    private final PrivateKey privateKey;
    private final CountyKey publicKey;

    private CountySigner(PrivateKey privateKey, CountyKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new key pair for {@code issuer}, allowed to sign the years {@code fromYear}..{@code toYear}. */
    public static Generated generate(String issuer, int fromYear, int toYear) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(CountyKey.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] document = CountyKey.document(issuer, pair.getPublic(), fromYear, toYear);
        CountyKey key = CountyKey.parse("county-key.json", document);
        String pem = PEM_BEGIN + "\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n" + PEM_END + "\n";
        return new Generated(pem.getBytes(StandardCharsets.US_ASCII), document,
                new CountySigner(pair.getPrivate(), key));
    }

    /** The private key file (PEM) and the key document it belongs to; refused when they do not match. */
    public static CountySigner load(String origin, byte[] privatePem, byte[] keyDocument) {
        if (privatePem.length > MAX_PEM_BYTES) {
            throw new PolicyTableException(origin, "", "countyKey.privateKey");
        }
        CountyKey key = CountyKey.parse(origin, keyDocument);
        PrivateKey privateKey;
        try {
            String text = new String(privatePem, StandardCharsets.US_ASCII).trim();
            if (!text.startsWith(PEM_BEGIN) || !text.endsWith(PEM_END)) {
                throw new PolicyTableException(origin, "", "countyKey.privateKey");
            }
            String body = text.substring(PEM_BEGIN.length(), text.length() - PEM_END.length());
            privateKey = KeyFactory.getInstance(CountyKey.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new PolicyTableException(origin, "", "countyKey.privateKey");
        }
        CountySigner signer = new CountySigner(privateKey, key);
        byte[] probe = "canbao key pair check".getBytes(StandardCharsets.US_ASCII);
        if (!key.verifies(probe, signer.sign(probe).bytes())) {
            throw new PolicyTableException(origin, "", "countyKey.mismatch");
        }
        return signer;
    }

    /** The detached signature of a table file's exact bytes. */
    public TableSignature sign(byte[] tableBytes) {
        try {
            Signature signer = Signature.getInstance(CountyKey.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(tableBytes);
            return new TableSignature(publicKey.fingerprint(), signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public CountyKey publicKey() {
        return publicKey;
    }

    /** A new pair: the private key file's bytes (PEM), the key document's, and the signer. */
    public record Generated(byte[] privatePem, byte[] keyDocument, CountySigner signer) {
    }
}
