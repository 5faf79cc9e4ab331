package canbao.policy;

import canbao.model.AppliedRule;
import canbao.model.MemberQuote;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public static ObjectNode toJson(MemberQuote quote) {
        ObjectNode member = MAPPER.createObjectNode();
        member.put("eligible", quote.eligible());
        member.put("tier", quote.tier() == null ? null : quote.tier().number());
        member.put("standard", quote.standard().yuan());
        member.put("subsidy", quote.subsidy().yuan());
        member.put("subsidyCategory", quote.subsidyCategory());
        member.put("surcharge", quote.surcharge().yuan());
        member.put("payable", quote.payable().yuan());
        member.put("benefitStart", text(quote.benefitStart()));
        member.put("benefitEnd", text(quote.benefitEnd()));
        member.put("waitingDays", quote.waitingDays());
        member.put("brokenYears", quote.brokenYears());
        member.put("waitingMonths", quote.waitingMonths());
        member.put("repairYears", quote.repairYears());
        member.put("repair", quote.repair().yuan());
        member.put("continuousYears", quote.continuousYears());
        member.put("provisional", quote.provisional());
        ArrayNode rules = member.putArray("rules");
        for (AppliedRule rule : quote.rules()) {
            ObjectNode shown = rules.addObject().put("cite", rule.cite()).put("text", rule.text());
            if (rule.provisional()) {
                shown.put("provisional", true);
            }
        }
        member.put("reason", quote.reason());
        member.put("explanation", quote.explanation());
        return member;
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
