package canbao.store;

import canbao.model.Enrollment;
import canbao.model.Household;
import canbao.model.Person;
import canbao.model.PersonCategory;
import canbao.sync.SyncCodec;
import canbao.sync.UploadRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Queues saved rows for upload, inside the caller's transaction: a change and its outbox entry commit
 * together or not at all. The payload is the row at that revision, with its audit fields, written by the
 * one sync codec ({@link SyncCodec}) the hub reads it with.
 */
public final class Outbox {

    private final org.jdbi.v3.core.Handle handle;
    private final OutboxDao dao;
    private final AuditLog audit;
    private final Instant now;
    /** Held for one batched insert at {@link #flush}, with the audit entries (imports); null: written at once. */
    private final List<OutboxDao.Entry> held;

    /** Every change queued is also appended to the audit log, in the same transaction. */
    Outbox(org.jdbi.v3.core.Handle handle, Instant now) {
        this(handle, now, false);
    }

    private Outbox(org.jdbi.v3.core.Handle handle, Instant now, boolean batched) {
        this(handle, now, new AuditLog(handle, batched), batched);
    }

    /** An outbox that appends to the caller's audit log (one chain per transaction: a second log would fork it). */
    Outbox(org.jdbi.v3.core.Handle handle, Instant now, AuditLog audit) {
        this(handle, now, audit, false);
    }

    private Outbox(org.jdbi.v3.core.Handle handle, Instant now, AuditLog audit, boolean batched) {
        this.handle = handle;
        this.dao = handle.attach(OutboxDao.class);
        this.audit = audit;
        this.now = now;
        this.held = batched ? new ArrayList<>() : null;
    }

    /** An outbox that holds its entries until {@link #flush}, still inside the caller's transaction. */
    public static Outbox batched(org.jdbi.v3.core.Handle handle, Instant now) {
        return new Outbox(handle, now, true);
    }

    /** Writes the held entries in one batch (nothing to do for an outbox that writes at once). */
    public void flush(java.sql.Connection connection) throws java.sql.SQLException {
        if (held != null && !held.isEmpty()) {
            BulkInsert.outbox(connection, held, now);
            held.clear();
        }
        audit.flush(connection);
    }

    /**
     * Drops the held entries unwritten: an import that has found a problem goes on only to find the
     * rest, and is rolled back (the audit chain's end read at the first entry is not used again).
     */
    void discard() {
        if (held != null) {
            held.clear();
        }
        audit.discard();
    }

    public void household(Household household) {
        enqueue(new UploadRecord.Household(household.id(), household.number(), household.village(),
                household.groupName(), household.address(), household.phone(), UploadRecord.Stamp.of(household.audit())));
    }

    /**
     * A person's row, with the 医保电子凭证 code the counter keeps for the person ({@link CardNotes}): a
     * first revision has none yet (a note is written after the person).
     */
    public void person(Person person) {
        String code = person.audit().revision() == 1 ? null : CardNotes.insuranceCode(handle, person.id());
        person(person, code);
    }

    /** A person's row with the 医保电子凭证 code given (the note being written in this transaction). */
    void person(Person person, String insuranceCode) {
        enqueue(new UploadRecord.Person(person.id(), person.householdId(), person.name(), person.idNumber(),
                person.birthCertificateNo(), person.birthDate(), person.sex() == null ? null : person.sex().name(),
                person.ethnicity(), person.relation(), person.employeeInsuranceEndedOn(), person.graduationYear(),
                insuranceCode, UploadRecord.Stamp.of(person.audit())));
    }

    public void category(PersonCategory category, boolean deleted) {
        enqueue(new UploadRecord.Category(category.id(), category.personId(), category.code(),
                category.certifiedBy(), category.certifiedOn(), deleted, UploadRecord.Stamp.of(category.audit())));
    }

    public void enrollment(Enrollment enrollment) {
        enqueue(new UploadRecord.Enrollment(enrollment.id(), enrollment.personId(), enrollment.policyYear(),
                enrollment.kind(), enrollment.tier(), enrollment.paymentDate(), enrollment.receiptNo(),
                enrollment.status(), enrollment.guardianPersonId(), enrollment.payable().fen(),
                enrollment.benefitStart(), enrollment.benefitEnd(), enrollment.tableVersion(),
                enrollment.cancelReason(), SyncCodec.snapshot(enrollment.quoteSnapshot()),
                UploadRecord.Stamp.of(enrollment.audit())));
    }

    /** A renewal mark (issue 15); {@code deleted} when it is taken back. */
    void mark(canbao.model.PersonMark mark, boolean deleted) {
        enqueue(new UploadRecord.Mark(mark.id(), mark.personId(), mark.policyYear(), mark.kind(),
                mark.reason(), mark.markedOn(), deleted, UploadRecord.Stamp.of(mark.audit())));
    }

    private void enqueue(UploadRecord record) {
        int revision = record.stamp().revision();
        String payload = SyncCodec.write(record);
        if (held != null) {
            held.add(new OutboxDao.Entry(record.entity(), record.id(), revision, payload, record.personId()));
        } else {
            dao.enqueue(record.entity(), record.id(), revision, payload, record.personId(), now);
        }
        String action = revision == 1 ? "create"
                : record instanceof UploadRecord.Enrollment e && !e.live() ? "cancel"
                : deleted(record) ? "delete" : "change";
        // the audit entry refers to this outbox row by its key and the payload's SHA-256 (no second copy)
        this.audit.appendOutbox(record.entity(), record.id(), revision, action, payload,
                record.stamp().updatedBy(), record.stamp().updatedAt());
    }

    private static boolean deleted(UploadRecord record) {
        return record instanceof UploadRecord.Category c && c.deleted()
                || record instanceof UploadRecord.Mark m && m.deleted();
    }

    /**
     * An outbox payload as the audit shows it ({@link AuditTrail}): a person's card code masked, as
     * {@link CardNotes} logs it (and as audit entries kept their copy before V90).
     */
    static String auditText(String entity, String payload) {
        return auditText(SyncCodec.readStored(entity, payload), payload);
    }

    private static String auditText(UploadRecord record, String payload) {
        if (record instanceof UploadRecord.Person p && p.insuranceCode() != null) {
            return SyncCodec.write(new UploadRecord.Person(p.id(), p.household(), p.name(), p.idNumber(),
                    p.birthCertificateNo(), p.birthDate(), p.sex(), p.ethnicity(), p.relation(),
                    p.employeeInsuranceEndedOn(), p.graduationYear(), canbao.model.IdMask.maskCode(p.insuranceCode()), p.stamp()));
        }
        return payload;
    }
}
