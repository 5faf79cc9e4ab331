package canbao.store;

import canbao.model.Audit;
import canbao.model.Enrollment;
import canbao.model.Household;
import canbao.model.Person;
import canbao.model.PersonCategory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Queues saved rows for upload, inside the caller's transaction: a change and its outbox entry commit
 * together or not at all. The payload is the row at that revision, with its audit fields.
 */
final class Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        this.dao = handle.attach(OutboxDao.class);
        this.audit = new AuditLog(handle, batched);
        this.now = now;
        this.held = batched ? new ArrayList<>() : null;
    }

    /** An outbox that holds its entries until {@link #flush}, still inside the caller's transaction. */
    static Outbox batched(org.jdbi.v3.core.Handle handle, Instant now) {
        return new Outbox(handle, now, true);
    }

    /** Writes the held entries in one batch (nothing to do for an outbox that writes at once). */
    void flush(java.sql.Connection connection) throws java.sql.SQLException {
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

    void household(Household household) {
        ObjectNode row = JSON.createObjectNode()
                .put("id", household.id()).put("number", household.number()).put("village", household.village())
                .put("group", household.groupName()).put("address", household.address())
                .put("phone", household.phone());
        enqueue("household", household.id(), household.audit(), row);
    }

    void person(Person person) {
        ObjectNode row = JSON.createObjectNode()
                .put("id", person.id()).put("household", person.householdId()).put("name", person.name())
                .put("idNumber", person.idNumber()).put("birthCertificateNo", person.birthCertificateNo())
                .put("birthDate", text(person.birthDate()))
                .put("sex", person.sex() == null ? null : person.sex().name())
                .put("ethnicity", person.ethnicity()).put("relation", person.relation())
                .put("employeeInsuranceEndedOn", text(person.employeeInsuranceEndedOn()))
                .put("graduationYear", person.graduationYear());
        enqueue("person", person.id(), person.audit(), row);
    }

    void category(PersonCategory category, boolean deleted) {
        ObjectNode row = JSON.createObjectNode()
                .put("id", category.id()).put("person", category.personId()).put("code", category.code())
                .put("certifiedBy", category.certifiedBy()).put("certifiedOn", text(category.certifiedOn()))
                .put("deleted", deleted);
        enqueue("person_category", category.id(), category.audit(), row);
    }

    void enrollment(Enrollment enrollment) {
        ObjectNode row = JSON.createObjectNode()
                .put("id", enrollment.id()).put("person", enrollment.personId())
                .put("policyYear", enrollment.policyYear()).put("kind", enrollment.kind())
                .put("tier", enrollment.tier() == null ? null : enrollment.tier().number())
                .put("paymentDate", text(enrollment.paymentDate())).put("receiptNo", enrollment.receiptNo())
                .put("status", enrollment.status().code()).put("guardian", enrollment.guardianPersonId())
                .put("payableFen", enrollment.payable().fen())
                .put("benefitStart", text(enrollment.benefitStart())).put("benefitEnd", text(enrollment.benefitEnd()))
                .put("tableVersion", enrollment.tableVersion());
        if (enrollment.cancelReason() != null) {
            // only when given: rows without it stay byte for byte what they were (the hub's duplicate check)
            row.put("cancelReason", enrollment.cancelReason());
        }
        try {
            row.set("quote", JSON.readTree(enrollment.quoteSnapshot()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        enqueue("enrollment", enrollment.id(), enrollment.audit(), row);
    }

    /** A renewal mark (issue 15); {@code deleted} when it is taken back. */
    void mark(canbao.model.PersonMark mark, boolean deleted) {
        ObjectNode row = JSON.createObjectNode()
                .put("id", mark.id()).put("person", mark.personId()).put("policyYear", mark.policyYear())
                .put("kind", mark.kind().code()).put("reason", mark.reason()).put("markedOn", text(mark.markedOn()))
                .put("deleted", deleted);
        enqueue("person_mark", mark.id(), mark.audit(), row);
    }

    private void enqueue(String entity, String id, Audit audit, ObjectNode row) {
        row.put("revision", audit.revision())
                .put("createdAt", audit.createdAt().toString()).put("updatedAt", audit.updatedAt().toString())
                .put("createdBy", audit.createdBy()).put("updatedBy", audit.updatedBy());
        String payload = write(row);
        if (held != null) {
            held.add(new OutboxDao.Entry(entity, id, audit.revision(), payload));
        } else {
            dao.enqueue(entity, id, audit.revision(), payload, now);
        }
        String action = audit.revision() == 1 ? "create"
                : "cancelled".equals(row.path("status").asText(null)) ? "cancel"
                : row.path("deleted").asBoolean(false) ? "delete" : "change";
        this.audit.append(entity, id, audit.revision(), action, payload, audit.updatedBy(), audit.updatedAt());
    }

    private static String write(JsonNode row) {
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
