package canbao.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps what a card read or a scan told the counter about a saved person ({@code person_card_note}):
 * the 医保电子凭证 code scanned, and an expired identity card accepted with the clerk's reason. Each
 * note is written with its audit entry (entity {@code person_card_note}) in one transaction; the code
 * is masked in the audit log as ID numbers are in lists. A new code is the person's 医保电子凭证 reference
 * for the hub: the person's row gets a new revision, queued for upload with the code, in the same
 * transaction.
 */
public final class CardNotes {

    /** @param insuranceCode the 医保电子凭证 code scanned, or null
     * @param expiredCardReason why an expired card was accepted, or null
     * @param expiredCardValidTo that card's last valid day, or null */
    public record Note(String personId, String insuranceCode, String expiredCardReason, LocalDate expiredCardValidTo) {

        public boolean isEmpty() {
            return insuranceCode == null && expiredCardReason == null;
        }

        @Override
        public String toString() {
            return "CardNotes.Note[" + personId + "]";
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Database database;

    public CardNotes(Database database) {
        this.database = database;
    }

    /** Writes the notes (empty ones skipped), each with its audit entry, all or nothing. */
    public void record(List<Note> notes, String operator, Instant at) {
        database.jdbi().useTransaction(handle -> {
            AuditLog audit = new AuditLog(handle, false);
            // one chain of audit entries for the notes and the person revisions they queue
            Outbox outbox = new Outbox(handle, at, audit);
            PersonDao persons = handle.attach(PersonDao.class);
            for (Note note : notes) {
                if (note.isEmpty()) {
                    continue;
                }
                Optional<Note> before = find(handle, note.personId());
                String code = note.insuranceCode() != null ? note.insuranceCode()
                        : before.map(Note::insuranceCode).orElse(null);
                String reason = note.expiredCardReason() != null ? note.expiredCardReason()
                        : before.map(Note::expiredCardReason).orElse(null);
                LocalDate validTo = note.expiredCardReason() != null ? note.expiredCardValidTo()
                        : before.map(Note::expiredCardValidTo).orElse(null);
                handle.createUpdate("""
                        INSERT INTO person_card_note (person_id, insurance_code, expired_card_reason, expired_card_valid_to,
                                                      updated_at, updated_by)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (person_id) DO UPDATE SET insurance_code = excluded.insurance_code,
                            expired_card_reason = excluded.expired_card_reason,
                            expired_card_valid_to = excluded.expired_card_valid_to,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                        .bind(0, note.personId()).bind(1, code).bind(2, reason)
                        .bind(3, validTo == null ? null : validTo.toString()).bind(4, at.toString()).bind(5, operator)
                        .execute();
                if (code != null && !code.equals(before.map(Note::insuranceCode).orElse(null))) {
                    queuePerson(persons, outbox, note.personId(), code, operator, at);
                }
                int revision = handle.createQuery(
                        "SELECT count(*) FROM audit_log WHERE entity = 'person_card_note' AND entity_id = ?")
                        .bind(0, note.personId()).mapTo(Integer.class).one() + 1;
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("insuranceCode", code == null ? null : canbao.model.IdMask.maskCode(code));
                after.put("expiredCardReason", reason);
                after.put("expiredCardValidTo", validTo == null ? null : validTo.toString());
                try {
                    audit.append("person_card_note", note.personId(), revision, revision == 1 ? "create" : "change",
                            JSON.writeValueAsString(after), operator, at);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** A new revision of the person, carrying the code to the hub; none for a person no longer kept. */
    private static void queuePerson(PersonDao persons, Outbox outbox, String personId, String code, String operator,
                                    Instant at) {
        Optional<canbao.model.Person> stored = persons.findById(personId);
        if (stored.isEmpty()) {
            return;
        }
        canbao.model.Person old = stored.get();
        canbao.model.Person changed = new canbao.model.Person(old.id(), old.householdId(), old.name(), old.idNumber(),
                old.birthCertificateNo(), old.birthDate(), old.sex(), old.ethnicity(), old.relation(),
                old.employeeInsuranceEndedOn(), old.graduationYear(), old.audit().changed(at, operator));
        if (persons.update(changed, PinyinInitials.of(changed.name())) != 1) {
            throw new IllegalStateException("the person was changed meanwhile");
        }
        outbox.person(changed, code);
    }

    /** The 医保电子凭证 code kept for a person, or null (the outbox carries it in the person's record). */
    static String insuranceCode(org.jdbi.v3.core.Handle handle, String personId) {
        return handle.createQuery("SELECT insurance_code FROM person_card_note WHERE person_id = ?")
                .bind(0, personId).mapTo(String.class).findOne().orElse(null);
    }

    /** The note kept for a person, if any. */
    public Optional<Note> find(String personId) {
        return database.jdbi().withHandle(handle -> find(handle, personId));
    }

    private static Optional<Note> find(org.jdbi.v3.core.Handle handle, String personId) {
        return handle.createQuery("""
                SELECT insurance_code, expired_card_reason, expired_card_valid_to FROM person_card_note
                WHERE person_id = ?""").bind(0, personId)
                .map((rs, ctx) -> new Note(personId, rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? null : LocalDate.parse(rs.getString(3)))).findOne();
    }
}
