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
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code canbao quote}: one JSON request per input line, one JSON answer per output line, in order.
 * A bad line is answered with {"error": …} and the rest are still answered; the exit status is 2
 * when any line was bad. Blank lines are skipped.
 */
public final class QuoteCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 2;

    private final QuoteRequestValidator validator;
    private final QuoteEngine engine;
    private final Locale locale;

    public QuoteCommand(QuoteRequestValidator validator, QuoteEngine engine, Locale locale) {
        this.validator = validator;
        this.engine = engine;
        this.locale = locale;
    }

    public int run(BufferedReader in, Writer out) throws IOException {
        boolean anyBad = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Answer answer = answer(line);
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

    record Answer(ObjectNode json, boolean bad) {
    }

    Answer answer(String line) {
        JsonNode request;
        try {
            request = QuoteJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return new Answer(QuoteJson.malformed(e.getOriginalMessage(), locale), true);
        }
        List<Problem> problems = new ArrayList<>();
        QuoteDraft draft = QuoteJson.draft(request, problems);
        if (draft == null) {
            return new Answer(QuoteJson.error(problems, locale), true);
        }
        Validated<QuoteRequest> validated = validator.validate(draft);
        if (!validated.isValid()) {
            problems.addAll(validated.problems());
        }
        if (!problems.isEmpty()) {
            return new Answer(QuoteJson.error(dropRepeats(problems), locale), true);
        }
        HouseholdQuote quote = engine.quote(validated.value());
        return new Answer(QuoteJson.answer(quote), false);
    }

    /**
     * A field the JSON reader already rejected (a date that is not a date) also reads as missing
     * to the validator; report it once, as the reader saw it.
     */
    private static List<Problem> dropRepeats(List<Problem> problems) {
        List<Problem> kept = new ArrayList<>();
        for (Problem problem : problems) {
            boolean fieldAlreadyReported = kept.stream().anyMatch(k -> k.field().equals(problem.field()));
            if (!(fieldAlreadyReported && problem.key().equals("field.missing"))) {
                kept.add(problem);
            }
        }
        return kept;
    }
}
