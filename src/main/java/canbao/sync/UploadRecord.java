package canbao.sync;

import canbao.model.EnrollmentStatus;
import canbao.model.MarkKind;
import canbao.model.PersonKey;
import canbao.model.Tier;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The payload of one uploaded record, one Java record per entity: what the counter's outbox writes and
 * the hub reads, through {@link SyncCodec} alone. A field the wire may leave out is a nullable type; a
 * field the hub acts on is checked present when read (an enrolment that pays has its tier: a missing
 * one is {@code MALFORMED}, never 一档).
 */
public sealed interface UploadRecord {

    String HOUSEHOLD = "household";
    String PERSON = "person";
    String CATEGORY = "person_category";
    String ENROLLMENT = "enrollment";
    String MARK = "person_mark";

    /** The entity name the record travels under ({@link SyncRecord#entity()}). */
    String entity();

    /** The record's own client id as written in the payload (null when left out: the record's key says it). */
    String id();

    /** The person the record is about (the person's own id for a person), null for a household. */
    String personId();

    Stamp stamp();

    /**
     * What every syncable row carries besides its id: revision, when and by whom. Every part may be
     * left out on the wire (the record's key carries the revision); the counter always writes them.
     */
    record Stamp(Integer revision, Instant createdAt, Instant updatedAt, String createdBy, String updatedBy) {

        public static Stamp of(canbao.model.Audit audit) {
            return new Stamp(audit.revision(), audit.createdAt(), audit.updatedAt(), audit.createdBy(),
                    audit.updatedBy());
        }
    }

    record Household(String id, String number, String village, String group, String address, String phone,
                     Stamp stamp) implements UploadRecord {
        @Override
        public String entity() {
            return HOUSEHOLD;
        }

        @Override
        public String personId() {
            return null;
        }
    }

    /**
     * A resident. {@code insuranceCode} is the 医保电子凭证 code the counter scanned for the person (issue 18),
     * written only when known so that records without one stay what they were; shown masked only.
     */
    record Person(String id, String household, String name, String idNumber, String birthCertificateNo,
                  LocalDate birthDate, String sex, String ethnicity, String relation,
                  LocalDate employeeInsuranceEndedOn, Integer graduationYear, String insuranceCode, Stamp stamp)
            implements UploadRecord {
        @Override
        public String entity() {
            return PERSON;
        }

        @Override
        public String personId() {
            return id;
        }

        /** The person's key ({@link PersonKey}): the ID number, else "cert:" + the certificate. */
        public String key() {
            return PersonKey.of(idNumber, birthCertificateNo);
        }

        @Override
        public String toString() {
            return "UploadRecord.Person[" + id + "]";
        }
    }

    record Category(String id, String person, String code, String certifiedBy, LocalDate certifiedOn,
                    boolean deleted, Stamp stamp) implements UploadRecord {
        @Override
        public String entity() {
            return CATEGORY;
        }

        @Override
        public String personId() {
            return person;
        }
    }

    /**
     * An enrolment. {@code tier} is there whenever it pays (own and not cancelled); {@code paymentDate} too;
     * {@code payableFen} whenever live. {@code quote} is the snapshot as the family saw it (may be null).
     */
    record Enrollment(String id, String person, int policyYear, String kind, Tier tier, LocalDate paymentDate,
                      String receiptNo, EnrollmentStatus status, String guardian, Long payableFen, LocalDate benefitStart,
                      LocalDate benefitEnd, String tableVersion, String cancelReason, JsonNode quote, Stamp stamp)
            implements UploadRecord {

        public static final String OWN = "own";
        public static final String WITH_GUARDIAN = "with_guardian";

        @Override
        public String entity() {
            return ENROLLMENT;
        }

        @Override
        public String personId() {
            return person;
        }

        /** Not cancelled: counts against the person's year. */
        public boolean live() {
            return status != EnrollmentStatus.CANCELLED;
        }

        /** Live and the person's own (not covered with a guardian): it pays, so it has a tier and a payment date. */
        public boolean paying() {
            return live() && OWN.equals(kind);
        }

        public boolean withGuardian() {
            return WITH_GUARDIAN.equals(kind);
        }
    }

    /** A renewal mark (续保, issue 15); a refusal carries its reason. */
    record Mark(String id, String person, int policyYear, MarkKind kind, String reason, LocalDate markedOn,
                boolean deleted, Stamp stamp) implements UploadRecord {
        @Override
        public String entity() {
            return MARK;
        }

        @Override
        public String personId() {
            return person;
        }
    }
}
