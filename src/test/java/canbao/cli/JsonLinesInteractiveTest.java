package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A caller typing (or a script writing and waiting) gets each answer before it sends the next line,
 * on one thread and on several, also when a blank line followed the request or a block was full: the
 * input stays open throughout, so a late flush shows as an answer that never comes.
 */
class JsonLinesInteractiveTest {

    private final QuoteCommand quote = new QuoteCommand(
            new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemDefaultZone()),
            new QuoteEngine(Localization.CHINESE), Localization.CHINESE);

    @Test
    void oneThreadAnswersARequestFollowedByABlankLineWhileTheInputStaysOpen() throws Exception {
        conversation((in, out) -> JsonLines.answerEach(in, out, quote::answer));
    }

    @Test
    void severalThreadsAnswerARequestFollowedByABlankLineAndAFullBlockWhileTheInputStaysOpen() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            conversation((in, out) -> JsonLines.answerInOrder(in, out, quote::answer, workers, 2));
        } finally {
            workers.shutdownNow();
        }
    }

    /** The loop under test, answering what it reads from {@code in} to {@code out}. */
    private interface Loop {
        int run(BufferedReader in, OutputStream out) throws java.io.IOException;
    }

    private void conversation(Loop loop) throws Exception {
        PipedWriter typing = new PipedWriter();
        BufferedReader in = new BufferedReader(new PipedReader(typing, 1 << 20));
        PipedInputStream answers = new PipedInputStream(1 << 22);
        // buffered as the command line buffers standard output: an answer not flushed is not seen
        OutputStream out = new java.io.BufferedOutputStream(new PipedOutputStream(answers), 1 << 16);
        BufferedReader read = new BufferedReader(new InputStreamReader(answers, StandardCharsets.UTF_8));
        // one thread for the loop and one reading its answers, each for the whole conversation (a piped
        // stream breaks when the thread that last used its other end has ended)
        ExecutorService loopThread = Executors.newSingleThreadExecutor();
        ExecutorService readerThread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> running = loopThread.submit(() -> {
                try (out) {
                    return loop.run(in, out);
                }
            });
            talk(typing, read, readerThread, running);
        } finally {
            loopThread.shutdownNow();
            readerThread.shutdownNow();
        }
    }

    private void talk(PipedWriter typing, BufferedReader read, ExecutorService reader, Future<Integer> running)
            throws Exception {

        typing.write(QuoteCommandTest.ISSUE_EXAMPLE + "\n\n");
        typing.flush();
        String first = answer(read, reader, running);
        assertTrue(first.contains("\"total\":32"), first);

        // a full block (512 lines) then blank lines, and the caller waits for all 512 answers
        typing.write((QuoteCommandTest.ISSUE_EXAMPLE + "\n").repeat(JsonLines.BLOCK) + "\n\n\n");
        typing.flush();
        for (int i = 0; i < JsonLines.BLOCK; i++) {
            assertTrue(answer(read, reader, running).contains("\"total\":32"), "answer " + i);
        }

        typing.write("{\n");
        typing.flush();
        assertTrue(answer(read, reader, running).contains("\"error\""));
        typing.close();
        assertEquals(QuoteCommand.EXIT_BAD_INPUT, running.get(20, TimeUnit.SECONDS));
    }

    /** The next answer line, or a failure when none comes within 20 s. */
    private static String answer(BufferedReader read, ExecutorService reader, Future<Integer> running)
            throws Exception {
        String line = reader.submit(read::readLine).get(20, TimeUnit.SECONDS);
        if (line == null && running.isDone()) {
            running.get(); // the loop's own failure, if it failed
        }
        assertNotNull(line, "the answers ended");
        return line;
    }
}
