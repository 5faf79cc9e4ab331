package canbao.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reader helper: a small process of its own (same jar, this main class) that loads the vendor's
 * library and answers the counter over stdin/stdout, one line each way: {@code read} → one
 * {@link CardJson} line; {@code quit} or the end of stdin → exit. A crash in vendor code (a segfault, a
 * 32-bit library, an abort) ends this process only; the counter starts another
 * ({@link HelperCardReader}).
 *
 * <p>Arguments: {@code --family auto|termb|sdtapi}, optionally {@code --termb NAME} and
 * {@code --sdtapi NAME} (the library names or paths JNA loads; default {@code termb} and {@code sdtapi},
 * found on {@code jna.library.path} and the system's library path) and {@code --port N} (the one port to
 * open; default: scan). A library that does not load (missing, the other word size, a dependency
 * missing) is answered as {@code reader.libraryNotLoaded} with JNA's reason. Nothing personal is ever
 * written to stderr.
 */
public final class ReaderHelper {

    /** Longest command line read from the counter. */
    private static final int MAX_COMMAND = 64;

    private ReaderHelper() {
    }

    public static void main(String[] args) throws IOException {
        String family = option(args, "--family", "auto");
        String termb = option(args, "--termb", "termb");
        String sdtapi = option(args, "--sdtapi", "sdtapi");
        String portText = option(args, "--port", null);
        Integer port = portText == null ? null : Integer.valueOf(portText);
        // only answers go to stdout: a vendor library's or JNA's chatter goes to stderr
        PrintStream answers = System.out;
        System.setOut(System.err);
        Writer out = new OutputStreamWriter(answers, StandardCharsets.UTF_8);
        CardReader reader = open(family, termb, sdtapi, port);
        try {
            for (String command = command(System.in); command != null; command = command(System.in)) {
                if (command.equals("quit")) {
                    break;
                }
                CardRead result;
                if (command.equals("read")) {
                    try {
                        result = reader.read();
                    } catch (RuntimeException | LinkageError e) {
                        // a function missing from the library, or JNA refusing it: not a crash, but no card
                        result = new CardRead.Failed("reader.failed", e.getClass().getSimpleName());
                    }
                } else {
                    result = new CardRead.Failed("reader.failed", "unknown command");
                }
                out.write(CardJson.write(result));
                out.write('\n');
                out.flush();
            }
        } finally {
            reader.close();
        }
    }

    /** The family asked for; with auto, every family whose library loads, the first with a reader used. */
    static CardReader open(String family, String termb, String sdtapi, Integer port) {
        List<CardReader> readers = new ArrayList<>();
        String notLoaded = null;
        if (family.equals("termb") || family.equals("auto")) {
            try {
                readers.add(TermbReader.load(termb, port));
            } catch (LinkageError e) {
                System.err.println("reader helper: termb library not loaded: " + e.getMessage());
                notLoaded = reason(e);
            }
        }
        if (family.equals("sdtapi") || family.equals("auto")) {
            try {
                readers.add(SdtapiReader.load(sdtapi, port));
            } catch (LinkageError e) {
                System.err.println("reader helper: sdtapi library not loaded: " + e.getMessage());
                notLoaded = notLoaded == null ? reason(e) : notLoaded;
            }
        }
        if (readers.isEmpty() && notLoaded != null) {
            CardRead failed = new CardRead.Failed("reader.libraryNotLoaded", notLoaded);
            return () -> failed;
        }
        return new FirstFound(readers);
    }

    /** JNA's reason a library did not load, short enough for one line on the screen (a path, no personal data). */
    private static String reason(LinkageError e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        String firstLine = message.lines().findFirst().orElse("");
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }

    /** Asks each family in turn until one finds a reader, then keeps to that one. */
    private static final class FirstFound implements CardReader {
        private final List<CardReader> readers;
        private CardReader found;

        FirstFound(List<CardReader> readers) {
            this.readers = readers;
        }

        @Override
        public CardRead read() {
            if (found != null) {
                return found.read();
            }
            CardRead notOpened = null;
            for (CardReader reader : readers) {
                CardRead result = reader.read();
                if (result instanceof CardRead.Failed failed && failed.messageKey().equals("reader.portNotOpened")) {
                    notOpened = result; // the port named does not open for this family; the next may open it
                } else if (!(result instanceof CardRead.NoReader)) {
                    found = reader;
                    return result;
                }
            }
            return notOpened != null ? notOpened : CardRead.NO_READER;
        }

        @Override
        public void close() {
            readers.forEach(CardReader::close);
        }
    }

    /** One command line, ASCII, at most {@link #MAX_COMMAND} characters (the rest of a longer line is dropped). */
    private static String command(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return line.length() == 0 ? null : line.toString().strip();
            }
            if (line.length() < MAX_COMMAND) {
                line.append((char) c);
            }
        }
        return line.toString().strip();
    }

    private static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }
}
