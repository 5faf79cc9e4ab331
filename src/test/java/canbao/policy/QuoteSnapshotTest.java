package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.AppliedRule;
import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Tier;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A member's quote written as the {@code quote} command streams it (texts as UTF-8 bytes the generator
 * escapes) and as the stored snapshot's tree read the same, whatever a county's table puts in a text.
 */
class QuoteSnapshotTest {

    /** Quotes, backslashes, control characters, a character outside the BMP and Chinese, as a table might hold. */
    private static final String AWKWARD = "“渝医保发”〔2026〕\"1\"号\\二\n\t\u0001𠮷";

    @Test
    void textsWithCharactersJsonMustEscapeReadBackUnchanged() throws Exception {
        MemberQuote quote = new MemberQuote(true, Tier.ONE, Money.ofYuan(400), Money.ZERO, null, Money.ZERO,
                Money.ofYuan(400), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 0, 0, null, 0, Money.ZERO, null,
                false, List.of(new AppliedRule(AWKWARD, AWKWARD + "标准400元", true)), AWKWARD, "应缴400元。" + AWKWARD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = QuoteSnapshot.MAPPER.createGenerator(bytes)) {
            QuoteSnapshot.write(quote, json);
        }
        JsonNode streamed = QuoteSnapshot.MAPPER.readTree(bytes.toByteArray());

        assertEquals(AWKWARD, streamed.get("rules").get(0).get("cite").asText());
        assertEquals(AWKWARD + "标准400元", streamed.get("rules").get(0).get("text").asText());
        assertEquals(AWKWARD, streamed.get("reason").asText());
        assertEquals("应缴400元。" + AWKWARD, streamed.get("explanation").asText());
        assertEquals(bytes.toString(java.nio.charset.StandardCharsets.UTF_8),
                QuoteSnapshot.MAPPER.writeValueAsString(QuoteSnapshot.toJson(quote)),
                "the stored snapshot's tree prints as the command streams it");
        assertEquals(quote, QuoteSnapshot.read(QuoteSnapshot.stored(quote, "2026-test")), "read back as it was");
        java.io.StringWriter characters = new java.io.StringWriter();
        try (JsonGenerator json = QuoteSnapshot.MAPPER.createGenerator(characters)) {
            QuoteSnapshot.write(quote, json);
        }
        assertEquals(streamed, QuoteSnapshot.MAPPER.readTree(characters.toString()), "to a character writer too");
    }
}
