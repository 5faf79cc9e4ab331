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

    static int answerEach(BufferedReader in, Writer out, Function<String, Answer> answerer) throws IOException {
        boolean anyBad = false;
        boolean first = true;
        String line;
        while ((line = in.readLine()) != null) {
            if (first && line.startsWith("\uFEFF")) {
                // files saved by Windows Notepad begin with a byte-order mark
                line = line.substring(1);
            }
            first = false;
            if (line.isBlank()) {
                continue;
            }
            Answer answer = answerer.apply(line);
            anyBad |= answer.bad();
            out.write(QuoteJson.MAPPER.writeValueAsString(answer.json()));
            out.write('\n');
            if (!in.ready()) {
                // answer an interactive caller at once; batch input is flushed when the buffer fills
                out.flush();
            }
        }
        out.flush();
        return anyBad ? EXIT_BAD_INPUT : EXIT_OK;
    }
}
