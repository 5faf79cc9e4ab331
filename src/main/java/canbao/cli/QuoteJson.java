package canbao.cli;

import canbao.model.HouseholdQuote;
import canbao.model.MemberQuote;
import canbao.model.Location;
import canbao.model.Problem;
import canbao.policy.MemberDraft;
import canbao.policy.QuoteDraft;
import canbao.policy.QuoteSnapshot;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON shape of quote requests and answers (README, "quote"). Requests are read strictly: an
 * unknown or misspelt field is an error, because silently dropping "categories" would quote a 低保
 * member the full fee.
 */
public final class QuoteJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            // a character outside the BMP (a rare character in a name, 𠮷) as its four UTF-8 bytes, not as
            // an escaped surrogate pair: answers are written as bytes, and read as they always were
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final Set<String> REQUEST_FIELDS = Set.of("policyYear", "county", "date", "members");
    static final Set<String> MEMBER_FIELDS = Set.of("name", "idNumber", "birthDate", "birthCertificateNo", "tier",
            "categories", "employeeInsuranceEndedOn", "graduationYear", "coveredYears", "repairYears");

    private QuoteJson() {
    }

    /**
     * One input line as a JSON tree. A number Jackson cannot hold as a BigDecimal (99999999e-999999999999)
     * is thrown by it as a NumberFormatException rather than a parse error: it is malformed JSON too, so
     * the line is answered with an error and the next lines still are.
     */
    static JsonNode readTree(String line) throws JsonProcessingException {
        try {
            return MAPPER.readTree(line);
        } catch (NumberFormatException unreadableNumber) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, unreadableNumber.getMessage());
        }
    }

    /** A request parsed as far as its JSON allows; problems collects what could not be read. */
    static QuoteDraft draft(JsonNode request, List<Problem> problems) {
        JsonFields fields = JsonFields.of(request, Location.NONE, problems, REQUEST_FIELDS);
        if (fields == null) {
            return null;
        }
        List<MemberDraft> members = null;
        List<JsonNode> memberNodes = fields.array("members");
        if (memberNodes != null) {
            members = new ArrayList<>();
            for (int i = 0; i < memberNodes.size(); i++) {
                MemberDraft member = member(memberNodes.get(i), new Location.Member(i, Location.NONE), problems);
                if (member != null) {
                    members.add(member);
                }
            }
        }
        return new QuoteDraft(fields.integer("policyYear"), fields.code("county"), fields.date("date"), members);
    }

    static MemberDraft member(JsonNode node, Location path, List<Problem> problems) {
        JsonFields fields = JsonFields.of(node, path, problems, MEMBER_FIELDS);
        if (fields == null) {
            return null;
        }
        return new MemberDraft(fields.text("name"), fields.text("idNumber"), fields.date("birthDate"),
                fields.text("birthCertificateNo"), fields.integer("tier"), fields.texts("categories"),
                fields.date("employeeInsuranceEndedOn"), fields.integer("graduationYear"),
                fields.integers("coveredYears"), fields.integer("repairYears"));
    }

    /** {"members":[…],"total":…,"policyYear":…,"tableVersion":…}, streamed when written. */
    static JsonSerializable answer(HouseholdQuote quote) {
        return new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator json, SerializerProvider serializers) throws IOException {
                json.writeStartObject();
                json.writeArrayFieldStart("members");
                for (MemberQuote member : quote.members()) {
                    QuoteSnapshot.write(member, json);
                }
                json.writeEndArray();
                json.writeFieldName("total");
                json.writeNumber(quote.total().yuan());
                json.writeFieldName("policyYear");
                json.writeNumber(quote.policyYear());
                json.writeStringField("tableVersion", quote.tableVersion());
                json.writeEndObject();
            }

            @Override
            public void serializeWithType(JsonGenerator json, SerializerProvider serializers, TypeSerializer type)
                    throws IOException {
                serialize(json, serializers);
            }
        };
    }

    /** {"error":"field: message; …","errors":[{"field":…,"message":…}]} */
    static ObjectNode error(List<Problem> problems, Locale locale) {
        ObjectNode answer = MAPPER.createObjectNode();
        List<String> described = problems.stream().map(p -> p.describe(locale)).toList();
        answer.put("error", String.join("; ", described));
        ArrayNode errors = answer.putArray("errors");
        for (Problem problem : problems) {
            errors.addObject().put("field", problem.field()).put("message", problem.message(locale));
        }
        return answer;
    }

    static ObjectNode malformed(String detail, Locale locale) {
        return error(List.of(Problem.of("", "json.malformed", detail)), locale);
    }

}
