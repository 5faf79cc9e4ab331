package canbao.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The county's public key as a counter pins it: who it is (区县医保局), its Ed25519 public key, and the
 * policy years it may sign. The key document is a small JSON file the county hands out ({@code hub keys
 * init} writes it); its fingerprint is the SHA-256 of the document's exact bytes, so the years it
 * covers cannot be widened without changing the fingerprint the administrator confirmed by phone.
 */
public final class CountyKey {

    /** The largest key document read (a real one is about 300 bytes). */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024;

    static final String ALGORITHM = "Ed25519";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final PublicKey key;
    private final int fromYear;
    private final int toYear;
    private final byte[] document;
    private final String fingerprint;

    private CountyKey(String issuer, PublicKey key, int fromYear, int toYear, byte[] document) {
        this.issuer = issuer;
        this.key = key;
        this.fromYear = fromYear;
        this.toYear = toYear;
        this.document = document.clone();
        this.fingerprint = fingerprintOf(document);
    }

    /** Reads a key document strictly; a wrong or incomplete one is a {@link PolicyTableException}. */
    public static CountyKey parse(String origin, byte[] document) {
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new PolicyTableException(origin, "", "countyKey.tooLarge", MAX_DOCUMENT_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw PolicyTableException.unreadable(origin, e);
        }
        if (root == null) {
            throw new PolicyTableException(origin, "", "table.empty");
        }
        TableNode node = new TableNode(origin, "", root)
                .allowOnly("kind", "issuer", "algorithm", "publicKey", "years");
        if (!"canbao-county-key".equals(node.required("kind").text())) {
            throw new PolicyTableException(origin, "kind", "countyKey.kind");
        }
        if (!ALGORITHM.equals(node.required("algorithm").text())) {
            throw new PolicyTableException(origin, "algorithm", "countyKey.algorithm", ALGORITHM);
        }
        String issuer = node.required("issuer").text();
        TableNode years = node.required("years").allowOnly("from", "to");
        int from = years.required("from").integer();
        int to = years.required("to").integer();
        if (from < 1900 || to > 2100 || to < from) {
            throw new PolicyTableException(origin, "years", "countyKey.years", from, to);
        }
        PublicKey key;
        try {
            byte[] encoded = Base64.getDecoder().decode(node.required("publicKey").text());
            key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new PolicyTableException(origin, "publicKey", "countyKey.publicKey");
        }
        return new CountyKey(issuer, key, from, to, document);
    }

    /** The key document for a new key (what {@link CountySigner#generate} hands out). */
    static byte[] document(String issuer, PublicKey key, int fromYear, int toYear) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "canbao-county-key");
        root.put("issuer", issuer);
        root.put("algorithm", ALGORITHM);
        root.put("publicKey", Base64.getEncoder().encodeToString(key.getEncoded()));
        root.putObject("years").put("from", fromYear).put("to", toYear);
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SHA-256 of the document in 16 groups of four hex digits ("3F2A 9C01 …"), to be read aloud and
     * compared by phone with the county.
     */
    public static String fingerprintOf(byte[] document) {
        String hex = HexFormat.of().withUpperCase().formatHex(sha256(document));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(hex, i, i + 4);
        }
        return grouped.toString();
    }

    /** Whether a fingerprint typed by an administrator (any spacing, either case) is this key's. */
    public boolean matches(String typedFingerprint) {
        String typed = typedFingerprint == null ? "" : typedFingerprint.replaceAll("[\\s:-]", "");
        return !typed.isEmpty() && typed.equalsIgnoreCase(fingerprint.replace(" ", ""));
    }

    /**
     * Checks a table file against its detached signature and returns the table: the signature must be
     * this key's over the exact bytes (checked before the table is parsed), and the table's year one
     * this key covers. Anything else is a {@link PolicyTableException} saying why, naming {@code origin}.
     */
    public PolicyTable verified(String origin, byte[] tableBytes, byte[] signatureFile) {
        if (signatureFile == null) {
            throw new PolicyTableException(origin, "", "signature.missing");
        }
        TableSignature signature = TableSignature.parse(origin + TableSignature.SUFFIX, signatureFile);
        if (!signature.keyFingerprint().equals(fingerprint)) {
            throw new PolicyTableException(origin, "", "signature.otherKey", signature.keyFingerprint());
        }
        if (!verifies(tableBytes, signature.bytes())) {
            throw new PolicyTableException(origin, "", "signature.invalid");
        }
        PolicyTable table = PolicyTableLoader.read(origin, new java.io.ByteArrayInputStream(tableBytes));
        if (!covers(table.year())) {
            throw new PolicyTableException(origin, "", "signature.yearNotCovered", table.year(), fromYear, toYear);
        }
        return table;
    }

    public boolean covers(int year) {
        return year >= fromYear && year <= toYear;
    }

    boolean verifies(byte[] data, byte[] signatureBytes) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public int fromYear() {
        return fromYear;
    }

    public int toYear() {
        return toYear;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public byte[] document() {
        return document.clone();
    }

    PublicKey publicKey() {
        return key;
    }
}
