package canbao.hub;

import canbao.model.FieldLimits;
import canbao.model.Localization;
import canbao.model.PhoneNumber;
import canbao.policy.PolicyLibrary;
import canbao.policy.ResidentId;
import canbao.sync.MalformedRecord;
import canbao.sync.SyncCodec;
import canbao.sync.SyncRecord;
import canbao.sync.UploadRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Reads one uploaded record's payload with the sync codec ({@link SyncCodec}: unknown fields ignored, a
 * field the hub acts on there and of its type, never defaulted) and checks what it says with the
 * counter's own rules (the policy's {@link ResidentId}, {@link PolicyLibrary#isKnownCategory},
 * {@link PhoneNumber}, and the counter's length limits), so that nothing the counter would refuse
 * reaches the hub's tables. The first problem found is reported as "field: reason"; the reason never
 * repeats an ID number or a long value.
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
    /** Longest 医保电子凭证 code (what a wedge scanner's field takes, {@code WedgeScan}). */
    static final int MAX_INSURANCE_CODE = 128;
    /** The characters such a code is written with. */
    private static final java.util.regex.Pattern INSURANCE_CODE = java.util.regex.Pattern.compile("[0-9A-Za-z:._/=+-]+");

    /** The counters' day (Chongqing): a newborn registered this morning is born "tomorrow" in UTC. */
    private static final ZoneId COUNTER_ZONE = ZoneId.of("Asia/Shanghai");
    private static final int EARLIEST_GRADUATION_YEAR = 1950;

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

    /**
     * Reads a record's payload (already parsed as a JSON object) with the sync codec and checks what it
     * says; throws at the first problem.
     */
    UploadRecord read(SyncRecord record, JsonNode payload) throws Malformed {
        UploadRecord read;
        try {
            read = SyncCodec.read(record.entity(), payload);
        } catch (MalformedRecord malformed) {
            throw new Malformed(malformed.field(), malformed.reason(locale));
        }
        check(record, read);
        return read;
    }

    /** Checks what a record says, read by the codec (types and required fields are its business). */
    void check(SyncRecord record, UploadRecord read) throws Malformed {
        if (read.id() != null && !read.id().equals(record.id())) {
            throw malformed("id", "hub.field.notTheRecords", "id");
        }
        UploadRecord.Stamp stamp = read.stamp();
        if (stamp.revision() != null && stamp.revision() != record.revision()) {
            throw malformed("revision", "hub.field.notTheRecords", "revision");
        }
        limit("createdBy", stamp.createdBy(), MAX_NAME);
        limit("updatedBy", stamp.updatedBy(), MAX_NAME);
        if (read instanceof UploadRecord.Household household) {
            household(household);
        } else if (read instanceof UploadRecord.Person person) {
            person(person);
        } else if (read instanceof UploadRecord.Category category) {
            category(category);
        } else if (read instanceof UploadRecord.Enrollment enrollment) {
            enrollment(enrollment);
        } else if (read instanceof UploadRecord.Mark mark) {
            mark(mark);
        }
    }

    /** The counter's household form: number, village and group as it limits them, a phone it would take. */
    private void household(UploadRecord.Household household) throws Malformed {
        limit("number", household.number(), FieldLimits.HOUSEHOLD_NUMBER);
        limit("village", household.village(), FieldLimits.VILLAGE);
        limit("group", household.group(), FieldLimits.GROUP);
        limit("address", household.address(), FieldLimits.ADDRESS);
        String phone = household.phone();
        limit("phone", phone, FieldLimits.PHONE);
        if (phone != null && !phone.isBlank() && !PhoneNumber.isValid(phone)) {
            throw malformed("phone", "household.phone.format");
        }
    }

    private void person(UploadRecord.Person person) throws Malformed {
        limit("household", person.household(), MAX_REFERENCE);
        limit("name", person.name(), MAX_NAME);
        limit("relation", person.relation(), FieldLimits.RELATION);
        limit("ethnicity", person.ethnicity(), FieldLimits.ETHNICITY);
        LocalDate today = counterToday();
        LocalDate birthDate = person.birthDate();
        if (birthDate != null && birthDate.isAfter(today)) {
            throw malformed("birthDate", "birthDate.future", birthDate);
        }
        // longer than 18 is still read, so the counter's own message names the length
        String idNumber = person.idNumber();
        limit("idNumber", idNumber, 32);
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
        String certificate = person.birthCertificateNo();
        limit("birthCertificateNo", certificate, 20);
        if (certificate != null && !canbao.policy.QuoteRequestValidator.isBirthCertificateNo(certificate)) {
            throw malformed("birthCertificateNo", "birthCertificateNo.format");
        }
        Integer graduationYear = person.graduationYear();
        if (graduationYear != null
                && (graduationYear < EARLIEST_GRADUATION_YEAR || graduationYear > today.getYear() + 10)) {
            throw malformed("graduationYear", "graduationYear.range", graduationYear);
        }
        String code = person.insuranceCode();
        limit("insuranceCode", code, MAX_INSURANCE_CODE);
        if (code != null && !INSURANCE_CODE.matcher(code).matches()) {
            // never the code itself: it is the person's reference at the medical-insurance platform
            throw malformed("insuranceCode", "hub.field.insuranceCode", MAX_INSURANCE_CODE);
        }
    }

    private void category(UploadRecord.Category category) throws Malformed {
        limit("person", category.person(), MAX_REFERENCE);
        limit("code", category.code(), 40);
        if (!policies.isKnownCategory(category.code())) {
            throw malformed("code", "category.unknownAnyYear", category.code());
        }
        limit("certifiedBy", category.certifiedBy(), FieldLimits.CERTIFIED_BY);
    }

    /**
     * An enrolment: the codec has read whom, which year, which state and kind, and (a paying one) its
     * tier and payment date, which the hub recomputes; here the amounts and texts.
     */
    private void enrollment(UploadRecord.Enrollment enrollment) throws Malformed {
        limit("person", enrollment.person(), MAX_REFERENCE);
        Long payable = enrollment.payableFen();
        if (payable != null && payable < 0) {
            throw malformed("payableFen", "hub.field.range", "0", String.valueOf(Long.MAX_VALUE));
        }
        limit("guardian", enrollment.guardian(), MAX_REFERENCE);
        limit("receiptNo", enrollment.receiptNo(), FieldLimits.RECEIPT);
        limit("cancelReason", enrollment.cancelReason(), FieldLimits.CANCEL_REASON);
        limit("tableVersion", enrollment.tableVersion(), MAX_TEXT);
    }

    /** A renewal mark (续保): whose, which year, which kind, the day; a refusal carries its reason. */
    private void mark(UploadRecord.Mark mark) throws Malformed {
        limit("person", mark.person(), MAX_REFERENCE);
        limit("reason", mark.reason(), 100);
        if (mark.markedOn().isAfter(counterToday())) {
            throw malformed("markedOn", "date.future", mark.markedOn());
        }
    }

    /** Today as the counters count days, with a day's grace for a counter whose clock runs a little ahead. */
    private LocalDate counterToday() {
        return LocalDate.ofInstant(clock.instant(), COUNTER_ZONE).plusDays(1);
    }

    /** A text over its limit (stripped) is refused. */
    private void limit(String field, String text, int limit) throws Malformed {
        if (text != null && text.strip().length() > limit) {
            throw malformed(field, "field.tooLong", limit);
        }
    }

    private Malformed malformed(String field, String key, Object... arguments) {
        return new Malformed(field, Localization.format(locale, key, arguments));
    }
}
