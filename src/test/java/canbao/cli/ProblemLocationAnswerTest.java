package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.Localization;
import canbao.model.Location;
import canbao.model.Problem;
import canbao.policy.MemberDraft;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteDraft;
import canbao.policy.QuoteRequestValidator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A member problem's location goes out as parts from the validator and comes out of the answer as the old text. */
class ProblemLocationAnswerTest {

    @Test
    void theValidatorsMemberLocationIsWrittenInTheAnswerAsBefore() {
        QuoteRequestValidator validator = new QuoteRequestValidator(PolicyLibrary.builtIn(),
                Clock.fixed(LocalDate.of(2022, 7, 15).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant(),
                        ZoneId.of("Asia/Shanghai")));
        QuoteDraft draft = new QuoteDraft(2022, "500230", LocalDate.of(2022, 7, 15), List.of(
                new MemberDraft("张三", "500230198003151079", null, null, 1, List.of(), null, null),
                new MemberDraft("李四", "500230198003151078", null, null, 1, List.of("RICH"), null, null)));

        List<Problem> problems = validator.validate(draft).problems();

        // built as parts: the screens take member 1 and its field without reading any text
        assertEquals(List.of(new Location.Member(1, Location.field("idNumber")),
                new Location.Member(1, Location.item("categories", 0))),
                problems.stream().map(Problem::location).toList());
        // formatted at the edge exactly as the answers always wrote it
        JsonNode errors = QuoteJson.error(problems, Localization.CHINESE).get("errors");
        assertEquals("members[1].idNumber", errors.get(0).get("field").asText());
        assertEquals("members[1].categories[0]", errors.get(1).get("field").asText());
        assertEquals(problems.get(0).message(Localization.CHINESE), errors.get(0).get("message").asText());
        assertEquals(problems.get(1).describe(Localization.CHINESE),
                "members[1].categories[0]: " + errors.get(1).get("message").asText());
    }
}
