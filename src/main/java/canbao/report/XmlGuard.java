package canbao.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What an XLSX part may be before the XML parser sees it. The JDK's StAX parser streams text in pieces,
 * but holds a whole tag (its attribute values), comment or CDATA section in memory, and keeps a stack of
 * open elements: this stream refuses any of those longer than {@link #MAX_MARKUP} bytes or deeper than
 * {@link #MAX_DEPTH}, refuses DTDs, and counts the real inflated bytes of every part against the
 * workbook's {@link Budget} as they are read (not what the zip's headers claim).
 */
final class XmlGuard extends FilterInputStream {

    /** Bytes of one tag, comment, CDATA section or processing instruction. */
    static final int MAX_MARKUP = 1 << 20;
    /** Open elements at once (a sheet needs five). */
    static final int MAX_DEPTH = 64;

    /** The unpacked bytes every part of one workbook may add up to. */
    static final class Budget {
        private final long limit;
        private long used;
        private TableFile.Refused refusal;

        Budget(long limit) {
            this.limit = limit;
        }

        void take(int bytes) throws TableFile.Refused {
            used += bytes;
            if (used > limit) {
                throw refuse(new TableFile.Refused("import.limit.unpacked", limit >> 20));
            }
        }

        /** Kept, because the XML parser that reads through the guard wraps what it throws. */
        TableFile.Refused refuse(TableFile.Refused refused) {
            if (refusal == null) {
                refusal = refused;
            }
            return refusal;
        }

        java.util.Optional<TableFile.Refused> refusal() {
            return java.util.Optional.ofNullable(refusal);
        }
    }

    private enum State { TEXT, OPEN, TAG, QUOTED, BANG, COMMENT, CDATA }

    private final Budget budget;
    private State state = State.TEXT;
    private int markup;
    private int depth;
    private byte quote;
    private boolean closing;
    private boolean instruction;
    private int previous;
    private int beforePrevious;

    XmlGuard(InputStream in, Budget budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            budget.take(1);
            scan((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            budget.take(n);
            for (int i = offset; i < offset + n; i++) {
                scan(buffer[i]);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private void scan(byte b) throws TableFile.Refused {
        if (state != State.TEXT && ++markup > MAX_MARKUP) {
            throw budget.refuse(new TableFile.Refused("import.limit.markup", MAX_MARKUP >> 20));
        }
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    state = State.OPEN;
                    markup = 1;
                }
            }
            case OPEN -> {
                if (b == '!') {
                    state = State.BANG;
                } else {
                    closing = b == '/';
                    instruction = b == '?';
                    state = State.TAG;
                    tag(b);
                }
            }
            case BANG -> {
                if (b == '-') {
                    state = State.COMMENT;
                } else if (b == '[') {
                    state = State.CDATA;
                } else {
                    // <!DOCTYPE and other declarations: spreadsheets have none, and entities are how bombs start
                    throw budget.refuse(new TableFile.Refused("import.unreadable"));
                }
            }
            case TAG -> tag(b);
            case QUOTED -> {
                if (b == quote) {
                    state = State.TAG;
                }
            }
            case COMMENT -> {
                if (b == '>' && previous == '-' && beforePrevious == '-') {
                    state = State.TEXT;
                }
            }
            case CDATA -> {
                if (b == '>' && previous == ']' && beforePrevious == ']') {
                    state = State.TEXT;
                }
            }
            default -> throw new IllegalStateException();
        }
        beforePrevious = previous;
        previous = b;
    }

    private void tag(byte b) throws TableFile.Refused {
        if (b == '"' || b == '\'') {
            quote = b;
            state = State.QUOTED;
        } else if (b == '>') {
            state = State.TEXT;
            if (closing) {
                depth--;
            } else if (!instruction && previous != '/' && ++depth > MAX_DEPTH) {
                throw budget.refuse(new TableFile.Refused("import.limit.depth", MAX_DEPTH));
            }
        }
    }
}
