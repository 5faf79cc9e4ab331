package canbao.store;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The 256-bit key the counter's database is encrypted with. Made at random once per data folder; it
 * never leaves memory in clear — on disk it exists only wrapped by each operator's password
 * (the account package's {@code Keyring}).
 */
public final class DataKey {

    public static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    public DataKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a data key has " + LENGTH + " bytes");
        }
        this.bytes = bytes.clone();
    }

    public static DataKey random() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new DataKey(bytes);
    }

    /** A copy of the key: for the keyring to wrap it and the database to open with it, never to keep. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never the key itself: this object ends up in log lines and exception messages. */
    @Override
    public String toString() {
        return "DataKey[hidden]";
    }
}
