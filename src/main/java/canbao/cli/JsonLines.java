package canbao.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * The JSON Lines loop of the headless commands: one answer line per non-blank input line, in order;
 * exit status 2 at the end when any line was bad.
 */
final class JsonLines {

    static final int EXIT_OK = 0;
    static final int EXIT_BAD_INPUT = 2;

    /** One line's answer: a JSON tree, or a quote written as it streams out. */
    record Answer(com.fasterxml.jackson.databind.JsonSerializable json, boolean bad) {
    }

    private JsonLines() {
    }

    /** The longest line read (characters); a longer one is answered with an error and skipped. */
    static final int MAX_LINE_CHARS = 1 << 20;

    static int answerEach(BufferedReader in, OutputStream out, Function<String, Answer> answerer) throws IOException {
        return answerEach(in, out, false, answerer);
    }

    /**
     * @param flushEach write each answer through at once (enroll: an answer is a saved household, and a
     *                  killed run must not lose the answers of the lines it saved)
     */
    static int answerEach(BufferedReader in, OutputStream out, boolean flushEach, Function<String, Answer> answerer)
            throws IOException {
        boolean anyBad = false;
        boolean first = true;
        Lines lines = new Lines(in);
        String line;
        while (true) {
            if (!lines.ready()) {
                // about to wait for input: an interactive caller has every answer so far (also when the
                // last thing read was a blank line after a request)
                out.flush();
            }
            line = lines.next();
            if (line == null) {
                break;
            }
            line = request(line, first);
            first = false;
            if (line == null) {
                continue;
            }
            Answer answer = answerOne(line, answerer);
            anyBad |= answer.bad();
            out.write(QuoteJson.MAPPER.writeValueAsBytes(answer.json()));
            out.write('\n');
            if (flushEach) {
                out.flush();
            }
        }
        out.flush();
        return anyBad ? EXIT_BAD_INPUT : EXIT_OK;
    }

    /** Lines answered together by {@link #answerInOrder}: what is read ahead while the input is ready. */
    static final int BLOCK = 512;

    /**
     * The same loop as {@link #answerEach} — the same answers, in the same order, the same exit status —
     * with the lines read in blocks (as many as are ready, up to {@link #BLOCK}), each block answered and
     * printed to JSON (UTF-8) on one of the {@code workers} threads while this thread reads the next
     * blocks and writes the finished ones in input order (issue 19: the quote command on every core; at
     * most {@code threads + 1} blocks in flight). An interactive caller still gets each answer at once:
     * a block ends where the input stops being ready, and then every block in flight is written and
     * flushed before reading on. A block also ends once its lines hold {@link #MAX_LINE_CHARS} characters,
     * so the input held stays bounded. {@code answerer} must be safe to call from several threads.
     */
    static int answerInOrder(BufferedReader in, OutputStream out, Function<String, Answer> answerer,
                             java.util.concurrent.ExecutorService workers, int threads) throws IOException {
        boolean anyBad = false;
        boolean first = true;
        Lines lines = new Lines(in);
        java.util.ArrayDeque<java.util.concurrent.Future<Answered>> inFlight = new java.util.ArrayDeque<>();
        while (true) {
            java.util.List<String> block = new java.util.ArrayList<>();
            long chars = 0;
            String line;
            while (block.size() < BLOCK && chars < MAX_LINE_CHARS) {
                if (!lines.ready()) {
                    if (!block.isEmpty()) {
                        break;
                    }
                    // about to wait for input with nothing to answer (blank lines only since the last block):
                    // an interactive caller first gets every answer in flight
                    while (!inFlight.isEmpty()) {
                        anyBad |= write(await(inFlight.poll()), out);
                    }
                    out.flush();
                }
                if ((line = lines.next()) == null) {
                    break;
                }
                chars += line.length();
                line = request(line, first);
                first = false;
                if (line != null) {
                    block.add(line);
                }
            }
            if (!block.isEmpty()) {
                inFlight.add(workers.submit(() -> Answered.of(block, answerer)));
            }
            boolean waiting = !lines.ready();
            // write what is done: everything when the input paused or ended, else all but the newest blocks
            while (!inFlight.isEmpty() && (waiting || inFlight.size() > threads || inFlight.peek().isDone())) {
                anyBad |= write(await(inFlight.poll()), out);
            }
            if (waiting) {
                out.flush();
                if (block.isEmpty() && lines.exhausted()) {
                    break;
                }
            }
        }
        out.flush();
        return anyBad ? EXIT_BAD_INPUT : EXIT_OK;
    }

    /** One block's answers as UTF-8 JSON, in the block's order, and whether any line was bad. */
    private record Answered(java.util.List<byte[]> json, boolean anyBad) {

        static Answered of(java.util.List<String> block, Function<String, Answer> answerer) throws IOException {
            java.util.List<byte[]> json = new java.util.ArrayList<>(block.size());
            boolean anyBad = false;
            for (String line : block) {
                Answer answer = answerOne(line, answerer);
                // UTF-8 straight from the tree: no UTF-16 string encoded a second time
                json.add(QuoteJson.MAPPER.writeValueAsBytes(answer.json()));
                anyBad |= answer.bad();
            }
            return new Answered(json, anyBad);
        }
    }

    private static boolean write(Answered answered, OutputStream out) throws IOException {
        for (byte[] answer : answered.json()) {
            out.write(answer);
            out.write('\n');
        }
        return answered.anyBad();
    }

    private static Answered await(java.util.concurrent.Future<Answered> block) throws IOException {
        try {
            return block.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("quote interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A line read as a request: the first without the byte-order mark some editors write before it (files
     * saved by Windows Notepad); null for a blank line, which is no request; {@link #TOO_LONG} as it is.
     */
    private static String request(String line, boolean first) {
        if (line == TOO_LONG) {
            return line;
        }
        String request = first && line.startsWith("\uFEFF") ? line.substring(1) : line;
        return request.isBlank() ? null : request;
    }

    private static Answer answerOne(String line, Function<String, Answer> answerer) {
        if (line == TOO_LONG) {
            return new Answer(QuoteJson.error(java.util.List.of(canbao.model.Problem.of("", "json.lineTooLong",
                    MAX_LINE_CHARS)), canbao.model.Localization.CHINESE), true);
        }
        return answerer.apply(line);
    }

    /** Stands for a line over {@link #MAX_LINE_CHARS}, read to its end and not kept. */
    private static final String TOO_LONG = new String("line too long");

    /**
     * Lines of a reader, read in blocks: each at most {@link #MAX_LINE_CHARS} in memory (a longer one
     * is read to its end and comes back as {@link #TOO_LONG}), so one huge line cannot exhaust the heap.
     */
    private static final class Lines {
        private final java.io.Reader in;
        private final char[] block = new char[8192];
        private int next;
        private int end;

        Lines(java.io.Reader in) {
            this.in = in;
        }

        private boolean exhausted;

        boolean ready() throws IOException {
            return !exhausted && (next < end || in.ready());
        }

        /** The end of the input was read. */
        boolean exhausted() {
            return exhausted;
        }

        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (next == end) {
                    end = in.read(block, 0, block.length);
                    next = 0;
                    if (end <= 0) {
                        end = 0;
                        exhausted = true;
                        return any || line.length() > 0 || tooLong ? finish(line, tooLong) : null;
                    }
                }
                any = true;
                int start = next;
                while (next < end && block[next] != '\n') {
                    next++;
                }
                boolean lineEnds = next < end;
                int length = next - start;
                if (!tooLong) {
                    if (line.length() + length > MAX_LINE_CHARS) {
                        tooLong = true;
                        line.setLength(0);
                    } else {
                        line.append(block, start, length);
                    }
                }
                if (lineEnds) {
                    next++;
                    return finish(line, tooLong);
                }
            }
        }

        private static String finish(StringBuilder line, boolean tooLong) {
            if (tooLong) {
                return TOO_LONG;
            }
            int length = line.length();
            return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
        }
    }
}
