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

    /**
     * The exact text of a member's quote — its fields in the order counters and scripts have always read
     * them, amounts in plain yuan (32.5, not 3.25E+1), nulls written out — not only a tree equal to it.
     */
    @Test
    void aMembersQuoteIsWrittenAsTheAnswersHaveAlwaysBeen() throws Exception {
        MemberQuote quote = new MemberQuote(true, Tier.TWO, Money.ofYuan(new java.math.BigDecimal("695")),
                Money.ofYuan(new java.math.BigDecimal("662.5")), "DIBAO", Money.ZERO,
                Money.ofYuan(new java.math.BigDecimal("32.5")), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 0,
                1, 4, 1, Money.ofYuan(400), 3, true, List.of(new AppliedRule("渝医保发〔2025〕1号", "二档标准695元", true),
                new AppliedRule("同上", "低保资助")), null, "应缴32.5元。");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = QuoteSnapshot.MAPPER.createGenerator(bytes)) {
            QuoteSnapshot.write(quote, json);
        }
        assertEquals("{\"eligible\":true,\"tier\":2,\"standard\":695,\"subsidy\":662.5,\"subsidyCategory\":\"DIBAO\","
                + "\"surcharge\":0,\"payable\":32.5,\"benefitStart\":\"2026-01-01\",\"benefitEnd\":\"2026-12-31\","
                + "\"waitingDays\":0,\"brokenYears\":1,\"waitingMonths\":4,\"repairYears\":1,\"repair\":400,"
                + "\"continuousYears\":3,\"provisional\":true,\"rules\":[{\"cite\":\"渝医保发〔2025〕1号\","
                + "\"text\":\"二档标准695元\",\"provisional\":true},{\"cite\":\"同上\",\"text\":\"低保资助\"}],"
                + "\"reason\":null,\"explanation\":\"应缴32.5元。\"}", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
