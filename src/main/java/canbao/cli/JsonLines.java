package canbao.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.function.Function;

/**
 * The JSON Lines loop of the headless commands: one answer line per non-blank input line, in order;
 * exit status 2 at the end when any line was bad.
 */
final class JsonLines {

    static final int EXIT_OK = 0;
    static final int EXIT_BAD_INPUT = 2;

    record Answer(ObjectNode json, boolean bad) {
    }

    private JsonLines() {
    }

    /** The longest line read (characters); a longer one is answered with an error and skipped. */
    static final int MAX_LINE_CHARS = 1 << 20;

    static int answerEach(BufferedReader in, Writer out, Function<String, Answer> answerer) throws IOException {
        return answerEach(in, out, false, answerer);
    }

    /**
     * @param flushEach write each answer through at once (enroll: an answer is a saved household, and a
     *                  killed run must not lose the answers of the lines it saved)
     */
    static int answerEach(BufferedReader in, Writer out, boolean flushEach, Function<String, Answer> answerer)
            throws IOException {
        boolean anyBad = false;
        boolean first = true;
        java.util.Locale locale = canbao.model.Localization.CHINESE;
        Lines lines = new Lines(in);
        String line;
        while ((line = lines.next()) != null) {
            Answer answer;
            if (line == TOO_LONG) {
                answer = new Answer(QuoteJson.error(java.util.List.of(canbao.model.Problem.of("", "json.lineTooLong",
                        MAX_LINE_CHARS)), locale), true);
            } else {
                if (first && line.startsWith("\uFEFF")) {
                    // files saved by Windows Notepad begin with a byte-order mark
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    first = false;
                    continue;
                }
                answer = answerer.apply(line);
            }
            first = false;
            anyBad |= answer.bad();
            out.write(QuoteJson.MAPPER.writeValueAsString(answer.json()));
            out.write('\n');
            if (flushEach || !lines.ready()) {
                // answer an interactive caller at once; batch input is flushed when the buffer fills
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
     * with the lines read in blocks (as many as are ready, up to {@link #BLOCK}) and each block's lines
     * answered and printed to JSON on {@code workers} threads (issue 19: the quote command on both
     * cores), then written in input order. An interactive caller still gets each answer at once: a block
     * ends where the input stops being ready. A block also ends once its lines hold {@link #MAX_LINE_CHARS}
     * characters, so the input held stays bounded as with one line at a time (at most twice the longest line). {@code answerer} must be safe to call from several threads.
     */
    static int answerInOrder(BufferedReader in, Writer out, Function<String, Answer> answerer,
                             java.util.concurrent.ExecutorService workers, int threads) throws IOException {
        boolean anyBad = false;
        boolean first = true;
        Lines lines = new Lines(in);
        java.util.List<String> block = new java.util.ArrayList<>(BLOCK);
        String[] answered = new String[BLOCK];
        boolean[] bad = new boolean[BLOCK];
        while (true) {
            block.clear();
            // bounded like one line: a block stops once it holds MAX_LINE_CHARS, so at most twice that is held
            long chars = 0;
            String line;
            while (block.size() < BLOCK && chars < MAX_LINE_CHARS && (block.isEmpty() || lines.ready())
                    && (line = lines.next()) != null) {
                chars += line.length();
                if (first && line != TOO_LONG && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                if (line != TOO_LONG && line.isBlank()) {
                    continue;
                }
                block.add(line);
            }
            if (block.isEmpty()) {
                if (!lines.ready() && lines.exhausted()) {
                    break;
                }
                continue;
            }
            int size = block.size();
            int parts = Math.max(1, Math.min(threads, size / 16));
            java.util.List<java.util.concurrent.Callable<Void>> tasks = new java.util.ArrayList<>(parts);
            for (int part = 0; part < parts; part++) {
                int from = part * size / parts;
                int to = (part + 1) * size / parts;
                tasks.add(() -> {
                    for (int i = from; i < to; i++) {
                        Answer answer = answerOne(block.get(i), answerer);
                        answered[i] = QuoteJson.MAPPER.writeValueAsString(answer.json());
                        bad[i] = answer.bad();
                    }
                    return null;
                });
            }
            if (parts == 1) {
                try {
                    tasks.get(0).call();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            } else {
                try {
                    for (java.util.concurrent.Future<Void> done : workers.invokeAll(tasks)) {
                        done.get();
                    }
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
                    throw new IllegalStateException(e.getCause());
                }
            }
            for (int i = 0; i < size; i++) {
                out.write(answered[i]);
                out.write('\n');
                anyBad |= bad[i];
                answered[i] = null;
            }
            if (!lines.ready()) {
                out.flush();
            }
        }
        out.flush();
        return anyBad ? EXIT_BAD_INPUT : EXIT_OK;
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
