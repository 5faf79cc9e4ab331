package canbao.sync;

import canbao.model.EnrollmentStatus;
import canbao.model.PlainText;
import canbao.model.Tier;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The one wire format between counter and hub: batches, answers and each entity's payload
 * ({@link UploadRecord}). Both ends read tolerantly (a field they do not know is ignored: a newer hub
 * may add one to its answer, a newer counter one to a record) and strictly (a field they act on must be
 * there, of its type; never defaulted). The counter's outbox writes payloads here, the hub reads them
 * here; nothing else spells out a field name of the wire.
 */
public final class SyncCodec {

    /**
     * The protocol version this program speaks, sent in every batch ({@link UploadBatch#protocol()}).
     * A batch without one comes from a counter older than the field, which speaks this same version 1.
     * A hub refuses a batch of a newer version than it knows, whole and with a message (400): the
     * county's hub is upgraded before its counters.
     */
    public static final int PROTOCOL_VERSION = 1;

    /** Earliest and latest day a date on the wire may name (a typo's year 0202 or 20222 is refused). */
    /** The dates a record may carry: the program's one range ({@link PlainText}). */
    private static final LocalDate EARLIEST = PlainText.EARLIEST;
    private static final LocalDate LATEST = PlainText.LATEST;

    private static final Set<String> STATUSES = java.util.Arrays.stream(EnrollmentStatus.values())
            .map(EnrollmentStatus::code).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> KINDS = Set.of(UploadRecord.Enrollment.OWN, UploadRecord.Enrollment.WITH_GUARDIAN);
    private static final Set<String> SEXES = Set.of("MALE", "FEMALE");
    private static final Set<String> MARK_KINDS = java.util.Arrays.stream(canbao.model.MarkKind.values())
            .map(canbao.model.MarkKind::code).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Batches and answers: unknown fields ignored, the rest as the records say. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SyncCodec() {
    }

    // ---- batches and answers --------------------------------------------------------------------------

    public static void writeBatch(OutputStream out, UploadBatch batch) throws IOException {
        JSON.writeValue(out, batch);
    }

    /** A batch as sent; fields this version does not know are ignored. */
    public static UploadBatch readBatch(byte[] json) throws IOException {
        return JSON.readValue(json, UploadBatch.class);
    }

    public static String writeAnswer(BatchAnswer answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hub's answer; fields this version does not know (a newer hub's) are ignored. */
    public static BatchAnswer readAnswer(byte[] json) throws IOException {
        return JSON.readValue(json, BatchAnswer.class);
    }

    public static BatchAnswer readAnswer(String json) throws JsonProcessingException {
        return JSON.readValue(json, BatchAnswer.class);
    }

    // ---- writing a payload ------------------------------------------------------------------------------

    /**
     * The payload's JSON as the counter queues it: every field in a fixed order, absent ones as null
     * (but {@code cancelReason} and {@code insuranceCode}, written only when there, so rows without them stay
     * byte for byte what earlier versions wrote), then the stamp.
     */
    public static String write(UploadRecord record) {
        ObjectNode row = JSON.createObjectNode();
        if (record instanceof UploadRecord.Household h) {
            row.put("id", h.id()).put("number", h.number()).put("village", h.village()).put("group", h.group())
                    .put("address", h.address()).put("phone", h.phone());
        } else if (record instanceof UploadRecord.Person p) {
            row.put("id", p.id()).put("household", p.household()).put("name", p.name())
                    .put("idNumber", p.idNumber()).put("birthCertificateNo", p.birthCertificateNo())
                    .put("birthDate", text(p.birthDate())).put("sex", p.sex())
                    .put("ethnicity", p.ethnicity()).put("relation", p.relation())
                    .put("employeeInsuranceEndedOn", text(p.employeeInsuranceEndedOn()))
                    .put("graduationYear", p.graduationYear());
            if (p.insuranceCode() != null) {
                row.put("insuranceCode", p.insuranceCode());
            }
        } else if (record instanceof UploadRecord.Category c) {
            row.put("id", c.id()).put("person", c.person()).put("code", c.code())
                    .put("certifiedBy", c.certifiedBy()).put("certifiedOn", text(c.certifiedOn()))
                    .put("deleted", c.deleted());
        } else if (record instanceof UploadRecord.Enrollment e) {
            row.put("id", e.id()).put("person", e.person()).put("policyYear", e.policyYear())
                    .put("kind", e.kind()).put("tier", e.tier() == null ? null : e.tier().number())
                    .put("paymentDate", text(e.paymentDate())).put("receiptNo", e.receiptNo())
                    .put("status", e.status().code()).put("guardian", e.guardian()).put("payableFen", e.payableFen())
                    .put("benefitStart", text(e.benefitStart())).put("benefitEnd", text(e.benefitEnd()))
                    .put("tableVersion", e.tableVersion());
            if (e.cancelReason() != null) {
                row.put("cancelReason", e.cancelReason());
            }
            row.set("quote", e.quote());
        } else if (record instanceof UploadRecord.Mark m) {
            row.put("id", m.id()).put("person", m.person()).put("policyYear", m.policyYear()).put("kind", m.kind().code())
                    .put("reason", m.reason()).put("markedOn", text(m.markedOn())).put("deleted", m.deleted());
        }
        UploadRecord.Stamp stamp = record.stamp();
        row.put("revision", stamp.revision())
                .put("createdAt", text(stamp.createdAt())).put("updatedAt", text(stamp.updatedAt()))
                .put("createdBy", stamp.createdBy()).put("updatedBy", stamp.updatedBy());
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A quote snapshot (JSON text) as the enrolment's payload carries it: as an object, not a string. */
    public static JsonNode snapshot(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading a payload -------------------------------------------------------------------------------

    /**
     * Reads a payload (already parsed as a JSON object) of an entity: unknown fields ignored, each known
     * one of its type, the required ones present; throws at the first field that is not.
     */
    public static UploadRecord read(String entity, JsonNode payload) throws MalformedRecord {
        if (payload == null || !payload.isObject()) {
            throw new MalformedRecord("payload", "hub.field.notObject");
        }
        Fields in = new Fields(payload);
        String id = in.text("id", false);
        Integer revision = in.integer("revision", false);
        Instant createdAt = in.instant("createdAt");
        Instant updatedAt = in.instant("updatedAt");
        UploadRecord.Stamp stamp = new UploadRecord.Stamp(revision, createdAt, updatedAt,
                in.text("createdBy", false), in.text("updatedBy", false));
        return switch (entity == null ? "" : entity) {
            case UploadRecord.HOUSEHOLD -> new UploadRecord.Household(id, in.text("number", false),
                    in.text("village", false), in.text("group", false), in.text("address", false),
                    in.text("phone", false), stamp);
            case UploadRecord.PERSON -> person(id, in, stamp);
            case UploadRecord.CATEGORY -> {
                String person = in.text("person", true);
                String code = in.text("code", true);
                yield new UploadRecord.Category(id, person, code, in.text("certifiedBy", false),
                        in.date("certifiedOn", false), in.bool("deleted"), stamp);
            }
            case UploadRecord.ENROLLMENT -> enrollment(id, in, stamp);
            case UploadRecord.MARK -> {
                String person = in.text("person", true);
                int year = in.year("policyYear");
                canbao.model.MarkKind kind = canbao.model.MarkKind.ofCode(in.oneOf("kind", MARK_KINDS, true))
                        .orElseThrow();
                String reason = in.text("reason", kind.needsReason());
                LocalDate markedOn = in.date("markedOn", true);
                yield new UploadRecord.Mark(id, person, year, kind, reason, markedOn, in.bool("deleted"), stamp);
            }
            default -> throw new MalformedRecord("entity", "hub.field.oneOf",
                    "enrollment、household、person、person_category、person_mark");
        };
    }

    /** A stored payload that was read when it was accepted (the hub's own tables). */
    public static UploadRecord readStored(String entity, String json) {
        try {
            return read(entity, JSON.readTree(json));
        } catch (JsonProcessingException | MalformedRecord e) {
            // the cause is the hub's to log, by class and stack only (a parser's message quotes the payload)
            throw new IllegalStateException("a stored " + entity + " record cannot be read", e);
        }
    }

    private static UploadRecord.Person person(String id, Fields in, UploadRecord.Stamp stamp) throws MalformedRecord {
        String household = in.text("household", false);
        String name = in.text("name", false);
        String relation = in.text("relation", false);
        String ethnicity = in.text("ethnicity", false);
        String sex = in.oneOf("sex", SEXES, false);
        LocalDate birthDate = in.date("birthDate", false);
        String idNumber = in.text("idNumber", false);
        String certificate = in.text("birthCertificateNo", false);
        LocalDate employeeEnded = in.date("employeeInsuranceEndedOn", false);
        Integer graduationYear = in.integer("graduationYear", false);
        String insuranceCode = in.text("insuranceCode", false);
        return new UploadRecord.Person(id, household, name, idNumber, certificate, birthDate, sex, ethnicity,
                relation, employeeEnded, graduationYear, insuranceCode, stamp);
    }

    /**
     * Whom, which year, which state and kind; a paying one (own, not cancelled) has its tier and payment
     * date, a live one its amount: a missing tier is refused, never read as 一档.
     */
    private static UploadRecord.Enrollment enrollment(String id, Fields in, UploadRecord.Stamp stamp)
            throws MalformedRecord {
        String person = in.text("person", true);
        int year = in.year("policyYear");
        EnrollmentStatus status = EnrollmentStatus.ofCode(in.oneOf("status", STATUSES, true));
        String kind = in.oneOf("kind", KINDS, true);
        boolean live = status != EnrollmentStatus.CANCELLED;
        boolean paying = live && kind.equals(UploadRecord.Enrollment.OWN);
        Integer tierNumber = in.integer("tier", paying);
        Tier tier = null;
        if (tierNumber != null) {
            tier = Tier.ofNumber(tierNumber).orElseThrow(() -> new MalformedRecord("tier", "tier.invalid", tierNumber));
        }
        LocalDate paymentDate = in.date("paymentDate", paying);
        Long payable = in.whole("payableFen", live);
        LocalDate benefitStart = in.date("benefitStart", false);
        LocalDate benefitEnd = in.date("benefitEnd", false);
        String guardian = in.text("guardian", false);
        String receiptNo = in.text("receiptNo", false);
        String cancelReason = in.text("cancelReason", false);
        String tableVersion = in.text("tableVersion", false);
        JsonNode quote = in.object("quote");
        return new UploadRecord.Enrollment(id, person, year, kind, tier, paymentDate, receiptNo, status, guardian,
                payable, benefitStart, benefitEnd, tableVersion, cancelReason, quote, stamp);
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** One field at a time, each of its wire type; null for an absent or null optional one. */
    private record Fields(JsonNode payload) {

        /** A text field; a non-text value, or a blank or absent required one, is refused. */
        String text(String field, boolean required) throws MalformedRecord {
            JsonNode node = payload.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    throw new MalformedRecord(field, "field.missing");
                }
                return null;
            }
            if (!node.isTextual()) {
                throw new MalformedRecord(field, "hub.field.notText");
            }
            if (required && node.asText().isBlank()) {
                throw new MalformedRecord(field, "field.missing");
            }
            return node.asText();
        }

        String oneOf(String field, Set<String> allowed, boolean required) throws MalformedRecord {
            String text = text(field, required);
            if (text != null && !allowed.contains(text)) {
                throw new MalformedRecord(field, "hub.field.oneOf", String.join("、", new java.util.TreeSet<>(allowed)));
            }
            return text;
        }

        /** A real calendar date (yyyy-mm-dd) between {@link #EARLIEST} and {@link #LATEST}. */
        LocalDate date(String field, boolean required) throws MalformedRecord {
            JsonNode node = payload.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    throw new MalformedRecord(field, "field.missing");
                }
                return null;
            }
            DateTimeException unparsed = null;
            try {
                // ISO_LOCAL_DATE resolves strictly: 2022-02-30 is refused, not read as 2022-03-02
                LocalDate date = LocalDate.parse(node.asText());
                if (node.isTextual() && node.asText().length() == 10 && PlainText.isDateInRange(date)) {
                    return date;
                }
            } catch (DateTimeException e) {
                unparsed = e;
            }
            throw new MalformedRecord(unparsed, field, "hub.field.date", EARLIEST.toString(), LATEST.toString());
        }

        /** A moment as the counter writes it (2026-11-22T10:00:00Z), within the same years as dates. */
        Instant instant(String field) throws MalformedRecord {
            String text = text(field, false);
            if (text == null) {
                return null;
            }
            if (text.length() <= 40) {
                try {
                    Instant instant = Instant.parse(text);
                    LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
                    if (PlainText.isDateInRange(day)) {
                        return instant;
                    }
                } catch (DateTimeException e) {
                    // named below
                }
            }
            throw new MalformedRecord(field, "hub.field.instant", EARLIEST.toString(), LATEST.toString());
        }

        Integer integer(String field, boolean required) throws MalformedRecord {
            Long value = whole(field, required);
            if (value == null) {
                return null;
            }
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new MalformedRecord(field, "hub.field.notInteger");
            }
            return value.intValue();
        }

        /** A required policy year between the years of {@link #EARLIEST} and {@link #LATEST}. */
        int year(String field) throws MalformedRecord {
            int year = integer(field, true);
            if (year < EARLIEST.getYear() || year > LATEST.getYear()) {
                throw new MalformedRecord(field, "hub.field.range", String.valueOf(EARLIEST.getYear()),
                        String.valueOf(LATEST.getYear()));
            }
            return year;
        }

        /** A whole number written as a JSON number (not "2022", not 2022.5). */
        Long whole(String field, boolean required) throws MalformedRecord {
            JsonNode node = payload.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    throw new MalformedRecord(field, "field.missing");
                }
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new MalformedRecord(field, "hub.field.notInteger");
            }
            return node.asLong();
        }

        /** true or false; absent or null is false (not deleted). */
        boolean bool(String field) throws MalformedRecord {
            JsonNode node = payload.get(field);
            if (node == null || node.isNull()) {
                return false;
            }
            if (!node.isBoolean()) {
                throw new MalformedRecord(field, "hub.field.notBoolean");
            }
            return node.asBoolean();
        }

        JsonNode object(String field) throws MalformedRecord {
            JsonNode node = payload.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw new MalformedRecord(field, "hub.field.notObject");
            }
            return node;
        }
    }
}
