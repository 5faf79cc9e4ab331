package canbao.hub;

import canbao.model.FieldLimits;
import canbao.model.Localization;
import canbao.model.PhoneNumber;
import canbao.model.Tier;
import canbao.policy.PolicyLibrary;
import canbao.policy.ResidentId;
import canbao.sync.SyncRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one uploaded record's payload field by field with the counter's own rules (the policy's
 * {@link ResidentId}, {@link Tier}, {@link PolicyLibrary#isKnownCategory}, {@link PhoneNumber}, and the
 * counter's length limits), so that nothing the counter would refuse reaches the hub's tables. Unknown
 * fields are ignored (a newer counter may send more); a field the hub acts on must be there, never
 * defaulted. The first problem found is reported as "field: reason"; the reason never repeats an ID
 * number or a long value.
 */
final class RecordCheck {

    /** Longest payload of one record, in characters: a household row or an enrolment with its quote is a few KB. */
    static final int MAX_PAYLOAD_CHARS = 64 * 1024;
    /** Names of people and operators (the counter's member name limit). */
    static final int MAX_NAME = canbao.model.FieldLimits.NAME;
    /** Any other text the hub does not know a tighter limit for. */
    static final int MAX_TEXT = 200;
    /** Client UUIDs (a record's own id and the ids it refers to): the column width. */
    static final int MAX_REFERENCE = 36;
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    /** The counters' day (Chongqing): a newborn registered this morning is born "tomorrow" in UTC. */
    private static final ZoneId COUNTER_ZONE = ZoneId.of("Asia/Shanghai");
    private static final int EARLIEST_GRADUATION_YEAR = 1950;
    private static final Set<String> STATUSES = Set.of("paid", "draft", "cancelled");
    private static final Set<String> KINDS = Set.of("own", "with_guardian");
    private static final Set<String> SEXES = Set.of("MALE", "FEMALE");
    private static final Set<String> MARK_KINDS = java.util.Arrays.stream(canbao.model.MarkKind.values())
            .map(canbao.model.MarkKind::code).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** A field that fails its check: its name and the reason, already in the hub's language. */
    static final class Malformed extends Exception {
        private final String field;
        private final String reason;

        Malformed(String field, String reason) {
            super(field, null, false, false);
            this.field = field;
            this.reason = reason;
        }

        String field() {
            return field;
        }

        String reason() {
            return reason;
        }
    }

    private final PolicyLibrary policies;
    private final Clock clock;
    private final Locale locale;

    RecordCheck(PolicyLibrary policies, Clock clock, Locale locale) {
        this.policies = policies;
        this.clock = clock;
        this.locale = locale;
    }

    /** Checks a record's payload (already read as a JSON object); throws at the first problem. */
    void check(SyncRecord record, JsonNode payload) throws Malformed {
        JsonNode id = payload.get("id");
        if (id != null && !id.isNull() && !(id.isTextual() && id.asText().equals(record.id()))) {
            throw malformed("id", "hub.field.notTheRecords", "id");
        }
        JsonNode revision = payload.get("revision");
        if (revision != null && !revision.isNull()
                && !(revision.isIntegralNumber() && revision.canConvertToInt() && revision.asInt() == record.revision())) {
            throw malformed("revision", "hub.field.notTheRecords", "revision");
        }
        instant(payload, "createdAt");
        instant(payload, "updatedAt");
        text(payload, "createdBy", MAX_NAME, false);
        text(payload, "updatedBy", MAX_NAME, false);
        switch (record.entity()) {
            case "household" -> household(payload);
            case "person" -> person(payload);
            case "person_category" -> category(payload);
            case "enrollment" -> enrollment(payload);
            case "person_mark" -> mark(payload);
            default -> throw malformed("entity", "hub.field.oneOf",
                    "household、person、person_category、enrollment、person_mark");
        }
    }

    /** The counter's household form: number, village and group as it limits them, a phone it would take. */
    private void household(JsonNode payload) throws Malformed {
        text(payload, "number", FieldLimits.HOUSEHOLD_NUMBER, false);
        text(payload, "village", FieldLimits.VILLAGE, false);
        text(payload, "group", FieldLimits.GROUP, false);
        text(payload, "address", FieldLimits.ADDRESS, false);
        String phone = text(payload, "phone", FieldLimits.PHONE, false);
        if (phone != null && !phone.isBlank() && !PhoneNumber.isValid(phone)) {
            throw malformed("phone", "household.phone.format");
        }
    }

    private void person(JsonNode payload) throws Malformed {
        reference(payload, "household", false);
        text(payload, "name", MAX_NAME, false);
        text(payload, "relation", FieldLimits.RELATION, false);
        text(payload, "ethnicity", FieldLimits.ETHNICITY, false);
        oneOf(payload, "sex", SEXES, false);
        LocalDate today = counterToday();
        LocalDate birthDate = date(payload, "birthDate", false);
        if (birthDate != null && birthDate.isAfter(today)) {
            throw malformed("birthDate", "birthDate.future", birthDate);
        }
        // longer than 18 is still read, so the counter's own message names the length
        String idNumber = text(payload, "idNumber", 32, false);
        if (idNumber != null) {
            ResidentId parsed;
            try {
                parsed = ResidentId.parse(idNumber, today);
            } catch (ResidentId.InvalidException e) {
                throw new Malformed("idNumber", e.problem().message(locale));
            }
            // the hub finds a person by the number as written: one person, one spelling (upper-case X, no spaces)
            if (!parsed.number().equals(idNumber)) {
                throw malformed("idNumber", "hub.field.idNumberForm");
            }
            if (birthDate != null && !birthDate.equals(parsed.birthDate())) {
                throw malformed("birthDate", "birthDate.mismatch", birthDate, parsed.birthDate());
            }
        }
        String certificate = text(payload, "birthCertificateNo", 20, false);
        if (certificate != null && !canbao.policy.QuoteRequestValidator.isBirthCertificateNo(certificate)) {
            throw malformed("birthCertificateNo", "birthCertificateNo.format");
        }
        date(payload, "employeeInsuranceEndedOn", false);
        Integer graduationYear = integer(payload, "graduationYear", false);
        if (graduationYear != null
                && (graduationYear < EARLIEST_GRADUATION_YEAR || graduationYear > today.getYear() + 10)) {
            throw malformed("graduationYear", "graduationYear.range", graduationYear);
        }
    }

    private void category(JsonNode payload) throws Malformed {
        reference(payload, "person", true);
        String code = text(payload, "code", 40, true);
        if (!policies.isKnownCategory(code)) {
            throw malformed("code", "category.unknownAnyYear", code);
        }
        text(payload, "certifiedBy", FieldLimits.CERTIFIED_BY, false);
        date(payload, "certifiedOn", false);
        JsonNode deleted = payload.get("deleted");
        if (deleted != null && !deleted.isNull() && !deleted.isBoolean()) {
            throw malformed("deleted", "hub.field.notBoolean");
        }
    }

    /**
     * An enrolment: whom, which year, which state and kind; a paying one (own, not cancelled) needs its
     * tier, payment date and amount, which the hub recomputes: a missing tier is an error, never 一档.
     */
    private void enrollment(JsonNode payload) throws Malformed {
        reference(payload, "person", true);
        Integer year = integer(payload, "policyYear", true);
        if (year < EARLIEST.getYear() || year > LATEST.getYear()) {
            throw malformed("policyYear", "hub.field.range", String.valueOf(EARLIEST.getYear()),
                    String.valueOf(LATEST.getYear()));
        }
        String status = oneOf(payload, "status", STATUSES, true);
        String kind = oneOf(payload, "kind", KINDS, true);
        boolean live = !status.equals("cancelled");
        boolean paying = live && kind.equals("own");
        Integer tier = integer(payload, "tier", paying);
        if (tier != null && Tier.ofNumber(tier).isEmpty()) {
            throw malformed("tier", "tier.invalid", tier);
        }
        date(payload, "paymentDate", paying);
        Long payable = whole(payload, "payableFen", live);
        if (payable != null && payable < 0) {
            throw malformed("payableFen", "hub.field.range", "0", String.valueOf(Long.MAX_VALUE));
        }
        date(payload, "benefitStart", false);
        date(payload, "benefitEnd", false);
        reference(payload, "guardian", false);
        text(payload, "receiptNo", FieldLimits.RECEIPT, false);
        text(payload, "cancelReason", FieldLimits.CANCEL_REASON, false);
        text(payload, "tableVersion", MAX_TEXT, false);
        JsonNode quote = payload.get("quote");
        if (quote != null && !quote.isNull() && !quote.isObject()) {
            throw malformed("quote", "hub.field.notObject");
        }
    }

    /** A renewal mark (续保): whose, which year, which kind, the day; a refusal carries its reason. */
    private void mark(JsonNode payload) throws Malformed {
        reference(payload, "person", true);
        Integer year = integer(payload, "policyYear", true);
        if (year < EARLIEST.getYear() || year > LATEST.getYear()) {
            throw malformed("policyYear", "hub.field.range", String.valueOf(EARLIEST.getYear()),
                    String.valueOf(LATEST.getYear()));
        }
        String kind = oneOf(payload, "kind", MARK_KINDS, true);
        text(payload, "reason", 100, kind.equals("refused"));
        LocalDate markedOn = date(payload, "markedOn", true);
        if (markedOn.isAfter(counterToday())) {
            throw malformed("markedOn", "date.future", markedOn);
        }
        JsonNode deleted = payload.get("deleted");
        if (deleted != null && !deleted.isNull() && !deleted.isBoolean()) {
            throw malformed("deleted", "hub.field.notBoolean");
        }
    }

    /** Today as the counters count days, with a day's grace for a counter whose clock runs a little ahead. */
    private LocalDate counterToday() {
        return LocalDate.ofInstant(clock.instant(), COUNTER_ZONE).plusDays(1);
    }

    // ---- one field at a time --------------------------------------------------------------------------

    /** A text field (null when absent); a non-text value, a blank required one or one over the limit is refused. */
    private String text(JsonNode payload, String field, int limit, boolean required) throws Malformed {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw malformed(field, "field.missing");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw malformed(field, "hub.field.notText");
        }
        String text = node.asText();
        if (required && text.isBlank()) {
            throw malformed(field, "field.missing");
        }
        if (text.strip().length() > limit) {
            throw malformed(field, "field.tooLong", limit);
        }
        return text;
    }

    /** Another record's client id. */
    private void reference(JsonNode payload, String field, boolean required) throws Malformed {
        text(payload, field, MAX_REFERENCE, required);
    }

    private String oneOf(JsonNode payload, String field, Set<String> allowed, boolean required) throws Malformed {
        String text = text(payload, field, MAX_TEXT, required);
        if (text != null && !allowed.contains(text)) {
            throw malformed(field, "hub.field.oneOf", String.join("、", new java.util.TreeSet<>(allowed)));
        }
        return text;
    }

    /** A real calendar date (yyyy-mm-dd) between 1900-01-01 and 2100-12-31. */
    private LocalDate date(JsonNode payload, String field, boolean required) throws Malformed {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw malformed(field, "field.missing");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().length() != 10) {
            throw dateProblem(field);
        }
        LocalDate date;
        try {
            // ISO_LOCAL_DATE resolves strictly: 2022-02-30 is refused, not read as 2022-03-02
            date = LocalDate.parse(node.asText());
        } catch (DateTimeException e) {
            throw dateProblem(field);
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw dateProblem(field);
        }
        return date;
    }

    private Malformed dateProblem(String field) {
        return malformed(field, "hub.field.date", EARLIEST.toString(), LATEST.toString());
    }

    /** A moment as the counter writes it (2026-11-22T10:00:00Z), within the same years as dates. */
    private void instant(JsonNode payload, String field) throws Malformed {
        String text = text(payload, field, 40, false);
        if (text == null) {
            return;
        }
        try {
            LocalDate day = Instant.parse(text).atOffset(ZoneOffset.UTC).toLocalDate();
            if (!day.isBefore(EARLIEST) && !day.isAfter(LATEST)) {
                return;
            }
        } catch (DateTimeException e) {
            // named below
        }
        throw malformed(field, "hub.field.instant", EARLIEST.toString(), LATEST.toString());
    }

    private Integer integer(JsonNode payload, String field, boolean required) throws Malformed {
        Long value = whole(payload, field, required);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw malformed(field, "hub.field.notInteger");
        }
        return value.intValue();
    }

    /** A whole number written as a JSON number (not "2022", not 2022.5). */
    private Long whole(JsonNode payload, String field, boolean required) throws Malformed {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw malformed(field, "field.missing");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw malformed(field, "hub.field.notInteger");
        }
        return node.asLong();
    }

    private Malformed malformed(String field, String key, Object... arguments) {
        return new Malformed(field, Localization.format(locale, key, arguments));
    }
}
