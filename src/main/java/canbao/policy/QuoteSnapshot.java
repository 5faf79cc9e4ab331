package canbao.policy;

import canbao.model.AppliedRule;
import canbao.model.MemberQuote;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * The JSON of one member's quote: what the {@code quote} command answers and what an enrollment
 * keeps as its snapshot of what the family was told.
 */
public final class QuoteSnapshot {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private QuoteSnapshot() {
    }

    /** The member's quote as a tree (what {@link #write} writes), for the stored snapshot to extend. */
    public static ObjectNode toJson(MemberQuote quote) {
        try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
            write(quote, buffer);
            return MAPPER.readTree(buffer.asParser());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final SerializedString ELIGIBLE = new SerializedString("eligible");
    private static final SerializedString TIER = new SerializedString("tier");
    private static final SerializedString STANDARD = new SerializedString("standard");
    private static final SerializedString SUBSIDY = new SerializedString("subsidy");
    private static final SerializedString SUBSIDY_CATEGORY = new SerializedString("subsidyCategory");
    private static final SerializedString SURCHARGE = new SerializedString("surcharge");
    private static final SerializedString PAYABLE = new SerializedString("payable");
    private static final SerializedString BENEFIT_START = new SerializedString("benefitStart");
    private static final SerializedString BENEFIT_END = new SerializedString("benefitEnd");
    private static final SerializedString WAITING_DAYS = new SerializedString("waitingDays");
    private static final SerializedString BROKEN_YEARS = new SerializedString("brokenYears");
    private static final SerializedString WAITING_MONTHS = new SerializedString("waitingMonths");
    private static final SerializedString REPAIR_YEARS = new SerializedString("repairYears");
    private static final SerializedString REPAIR = new SerializedString("repair");
    private static final SerializedString CONTINUOUS_YEARS = new SerializedString("continuousYears");
    private static final SerializedString PROVISIONAL = new SerializedString("provisional");
    private static final SerializedString RULES = new SerializedString("rules");
    private static final SerializedString CITE = new SerializedString("cite");
    private static final SerializedString TEXT = new SerializedString("text");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString EXPLANATION = new SerializedString("explanation");

    /**
     * Writes the member's quote as one JSON object, fields in this order. Streamed, field names encoded
     * once: the {@code quote} command writes tens of thousands of these a second.
     */
    public static void write(MemberQuote quote, JsonGenerator json) throws java.io.IOException {
        json.writeStartObject();
        json.writeFieldName(ELIGIBLE);
        json.writeBoolean(quote.eligible());
        json.writeFieldName(TIER);
        number(json, quote.tier() == null ? null : quote.tier().number());
        json.writeFieldName(STANDARD);
        json.writeNumber(quote.standard().yuan());
        json.writeFieldName(SUBSIDY);
        json.writeNumber(quote.subsidy().yuan());
        json.writeFieldName(SUBSIDY_CATEGORY);
        json.writeString(quote.subsidyCategory());
        json.writeFieldName(SURCHARGE);
        json.writeNumber(quote.surcharge().yuan());
        json.writeFieldName(PAYABLE);
        json.writeNumber(quote.payable().yuan());
        json.writeFieldName(BENEFIT_START);
        json.writeString(text(quote.benefitStart()));
        json.writeFieldName(BENEFIT_END);
        json.writeString(text(quote.benefitEnd()));
        json.writeFieldName(WAITING_DAYS);
        number(json, quote.waitingDays());
        json.writeFieldName(BROKEN_YEARS);
        json.writeNumber(quote.brokenYears());
        json.writeFieldName(WAITING_MONTHS);
        number(json, quote.waitingMonths());
        json.writeFieldName(REPAIR_YEARS);
        json.writeNumber(quote.repairYears());
        json.writeFieldName(REPAIR);
        json.writeNumber(quote.repair().yuan());
        json.writeFieldName(CONTINUOUS_YEARS);
        number(json, quote.continuousYears());
        json.writeFieldName(PROVISIONAL);
        json.writeBoolean(quote.provisional());
        json.writeFieldName(RULES);
        json.writeStartArray();
        for (AppliedRule rule : quote.rules()) {
            json.writeStartObject();
            json.writeFieldName(CITE);
            utf8(json, rule.cite());
            json.writeFieldName(TEXT);
            utf8(json, rule.text());
            if (rule.provisional()) {
                json.writeFieldName(PROVISIONAL);
                json.writeBoolean(true);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(REASON);
        utf8(json, quote.reason());
        json.writeFieldName(EXPLANATION);
        utf8(json, quote.explanation());
        json.writeEndObject();
    }

    /**
     * A Chinese text: to a JSON output as its UTF-8 bytes, which the generator escapes as it copies them
     * (faster than its character-by-character encoding: the {@code quote} command writes tens of megabytes
     * of rules and explanations); to any other output (the stored snapshot's tree, a character writer), as
     * the string.
     */
    private static void utf8(JsonGenerator json, String text) throws java.io.IOException {
        if (text == null) {
            json.writeNull();
        } else if (json instanceof com.fasterxml.jackson.core.json.UTF8JsonGenerator) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            json.writeUTF8String(bytes, 0, bytes.length);
        } else {
            json.writeString(text);
        }
    }

    private static void number(JsonGenerator json, Integer value) throws java.io.IOException {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value.intValue());
        }
    }

    /** The snapshot as stored: the quote plus the table version it was computed from. */
    public static String stored(MemberQuote quote, String tableVersion) {
        return stored(quote, tableVersion, null);
    }

    /**
     * The snapshot with the record that justified the subsidy ({@code subsidyBasis}: the person's
     * category entry — from the low-income ledger or the counter — its id, 认定部门 and 认定日期).
     */
    public static String stored(MemberQuote quote, String tableVersion, java.util.Map<String, String> subsidyBasis) {
        return stored(quote, tableVersion, subsidyBasis, null);
    }

    /**
     * The snapshot with the coverage history the quote used, each year with its source (counter,
     * hub, declared with its evidence) and whether the hub answered; none when nothing was known.
     */
    public static String stored(MemberQuote quote, String tableVersion, java.util.Map<String, String> subsidyBasis,
                                KnownHistory history) {
        ObjectNode snapshot = toJson(quote);
        snapshot.put("tableVersion", tableVersion);
        if (history != null && history.coveredYears() != null) {
            ObjectNode used = snapshot.putObject("history");
            ArrayNode years = used.putArray("coveredYears");
            history.coveredYears().forEach(years::add);
            ArrayNode sources = used.putArray("sources");
            history.years().forEach((year, source) -> {
                ObjectNode entry = sources.addObject().put("year", year).put("source", source.json());
                if (history.evidence().containsKey(year)) {
                    entry.put("evidence", history.evidence().get(year));
                }
            });
            used.put("hub", history.hub().json());
        }
        if (subsidyBasis != null) {
            ObjectNode basis = snapshot.putObject("subsidyBasis");
            subsidyBasis.forEach(basis::put);
        }
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A stored snapshot read back as the quote the family was told, for showing a saved enrolment
     * (its amounts, dates, rules and explanation). Tolerant: a field a snapshot of an older release
     * lacks reads as absent (zero, null or false), never as an error.
     */
    public static MemberQuote read(String snapshot) {
        JsonNode json;
        try {
            json = MAPPER.readTree(snapshot);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        java.util.List<AppliedRule> rules = new java.util.ArrayList<>();
        json.path("rules").forEach(rule -> rules.add(new AppliedRule(rule.path("cite").asText(""),
                rule.path("text").asText(""), rule.path("provisional").asBoolean(false))));
        return new MemberQuote(json.path("eligible").asBoolean(true),
                json.hasNonNull("tier") ? canbao.model.Tier.ofNumber(json.get("tier").asInt()).orElse(null) : null,
                money(json, "standard"), money(json, "subsidy"), textOrNull(json, "subsidyCategory"),
                money(json, "surcharge"), money(json, "payable"), date(json, "benefitStart"), date(json, "benefitEnd"),
                json.hasNonNull("waitingDays") ? json.get("waitingDays").asInt() : null,
                json.path("brokenYears").asInt(0),
                json.hasNonNull("waitingMonths") ? json.get("waitingMonths").asInt() : null,
                json.path("repairYears").asInt(0), money(json, "repair"),
                json.hasNonNull("continuousYears") ? json.get("continuousYears").asInt() : null,
                json.path("provisional").asBoolean(false), rules, textOrNull(json, "reason"),
                json.path("explanation").asText(""));
    }

    private static canbao.model.Money money(JsonNode json, String field) {
        return json.hasNonNull(field) ? canbao.model.Money.ofYuan(json.get(field).decimalValue()) : canbao.model.Money.ZERO;
    }

    private static LocalDate date(JsonNode json, String field) {
        return json.hasNonNull(field) ? LocalDate.parse(json.get(field).asText()) : null;
    }

    private static String textOrNull(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
