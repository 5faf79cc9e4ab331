package canbao.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The detached signature of one policy table file ({@code 2027.json.sig} beside {@code 2027.json}):
 * the fingerprint of the county key that signed and the Ed25519 signature over the table file's exact
 * bytes. Only the bytes are signed; the year and version a counter trusts are those inside the table.
 */
public record TableSignature(String keyFingerprint, byte[] bytes) {

    /** The largest signature file read (a real one is about 250 bytes). */
    public static final int MAX_FILE_BYTES = 4096;

    /** The file name of a table's signature: the table file's name plus this. */
    public static final String SUFFIX = ".sig";

    private static final ObjectMapper JSON = new ObjectMapper();

    public TableSignature {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public static TableSignature parse(String origin, byte[] file) {
        if (file.length > MAX_FILE_BYTES) {
            throw new PolicyTableException(origin, "", "signature.tooLarge", MAX_FILE_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file);
        } catch (IOException e) {
            throw PolicyTableException.unreadable(origin, e);
        }
        if (root == null) {
            throw new PolicyTableException(origin, "", "table.empty");
        }
        TableNode node = new TableNode(origin, "", root).allowOnly("kind", "algorithm", "key", "signature");
        if (!"canbao-table-signature".equals(node.required("kind").text())) {
            throw new PolicyTableException(origin, "kind", "signature.kind");
        }
        if (!CountyKey.ALGORITHM.equals(node.required("algorithm").text())) {
            throw new PolicyTableException(origin, "algorithm", "countyKey.algorithm", CountyKey.ALGORITHM);
        }
        try {
            return new TableSignature(node.required("key").text(),
                    Base64.getDecoder().decode(node.required("signature").text()));
        } catch (IllegalArgumentException e) {
            throw new PolicyTableException(origin, "signature", "signature.base64");
        }
    }

    public byte[] toFile() {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "canbao-table-signature");
        root.put("algorithm", CountyKey.ALGORITHM);
        root.put("key", keyFingerprint);
        root.put("signature", Base64.getEncoder().encodeToString(bytes));
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
