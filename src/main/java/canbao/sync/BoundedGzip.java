package canbao.sync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reading what a peer sent, with a cap on the bytes kept: a gzip body or answer is inflated piece by
 * piece and given up on as soon as it unpacks past the cap (a few kilobytes of zeros can unpack to
 * gigabytes), and a plain stream is read the same way. Used by the hub for batches and by the counter
 * for the hub's answers.
 */
public final class BoundedGzip {

    /** More bytes than the cap allows: nothing of it is kept. */
    public static final class TooLarge extends IOException {
        private final long limit;

        public TooLarge(long limit) {
            super("more than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private BoundedGzip() {
    }

    /** The bytes of a stream, or {@link TooLarge} as soon as it holds more than {@code limit}. */
    public static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total + 1))) > 0) {
            total += read;
            if (total > limit) {
                throw new TooLarge(limit);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** A gzip body unpacked, or {@link TooLarge} as soon as it unpacks past {@code limit}. */
    public static byte[] gunzip(byte[] gzip, long limit) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return readAtMost(in, limit);
        }
    }
}
