package canbao.cli;

import canbao.model.HouseholdQuote;
import canbao.model.Problem;
import canbao.model.Validated;
import canbao.policy.QuoteDraft;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequest;
import canbao.policy.QuoteRequestValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code canbao quote}: one JSON request per input line, one JSON answer per output line, in order.
 * A bad line is answered with {"error": …} and the rest are still answered; the exit status is 2
 * when any line was bad. Blank lines are skipped.
 */
public final class QuoteCommand {

    public static final int EXIT_OK = JsonLines.EXIT_OK;
    public static final int EXIT_BAD_INPUT = JsonLines.EXIT_BAD_INPUT;

    private final QuoteRequestValidator validator;
    private final QuoteEngine engine;
    private final Locale locale;

    public QuoteCommand(QuoteRequestValidator validator, QuoteEngine engine, Locale locale) {
        this.validator = validator;
        this.engine = engine;
        this.locale = locale;
    }

    /** {@code quote [--policy-dir DIR]}: the built-in tables, plus those of the folder named; no data opened. */
    static int main(CommandLine cli, String[] args) throws IOException {
        Options options = Options.parse(args, 1, java.util.Set.of("policy-dir"));
        String directory = options.get("policy-dir");
        canbao.policy.PolicyLibrary library = canbao.app.CounterServices.tablesWithoutData(
                directory == null ? null : java.nio.file.Path.of(directory));
        return new QuoteCommand(new QuoteRequestValidator(library, cli.clock()), new QuoteEngine(cli.locale()),
                cli.locale()).run(cli.stdin(), cli.stdoutBytes());
    }

    /**
     * Answers every line, on as many threads as the machine has cores (the validator, the engine and
     * the JSON mapper hold no state between requests), the answers written in input order.
     */
    public int run(BufferedReader in, OutputStream out) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (threads == 1) {
            return JsonLines.answerEach(in, out, this::answer);
        }
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(threads,
                runnable -> {
                    Thread thread = new Thread(runnable, "quote");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            return JsonLines.answerInOrder(in, out, this::answer, workers, threads);
        } finally {
            workers.shutdownNow();
        }
    }

    JsonLines.Answer answer(String line) {
        JsonNode request;
        try {
            request = QuoteJson.readTree(line);
        } catch (JsonProcessingException e) {
            return new JsonLines.Answer(QuoteJson.malformed(e.getOriginalMessage(), locale), true);
        }
        List<Problem> problems = new ArrayList<>();
        QuoteDraft draft = QuoteJson.draft(request, problems);
        if (draft == null) {
            return new JsonLines.Answer(QuoteJson.error(problems, locale), true);
        }
        Validated<QuoteRequest> validated = validator.validate(draft);
        if (!validated.isValid()) {
            problems.addAll(validated.problems());
        }
        if (!problems.isEmpty()) {
            return new JsonLines.Answer(QuoteJson.error(dropRepeats(problems), locale), true);
        }
        HouseholdQuote quote = engine.quote(validated.value());
        return new JsonLines.Answer(QuoteJson.answer(quote), false);
    }

    /**
     * A field the JSON reader already rejected (a date that is not a date) also reads as missing
     * to the validator; report it once, as the reader saw it.
     */
    private static List<Problem> dropRepeats(List<Problem> problems) {
        List<Problem> kept = new ArrayList<>();
        for (Problem problem : problems) {
            boolean fieldAlreadyReported = kept.stream().anyMatch(k -> k.location().equals(problem.location()));
            if (!(fieldAlreadyReported && problem.key().equals("field.missing"))) {
                kept.add(problem);
            }
        }
        return kept;
    }
}
