package canbao.store;

import canbao.model.PersonMark;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code person_mark} rows of a renewal mark (续保), inside the caller's transaction: each write bumps
 * the revision and is queued for upload (entity {@code person_mark}) with its audit entry, as any syncable
 * row; taking a mark back is a tombstone.
 */
public final class MarkRows {

    private final Handle handle;

    public MarkRows(Handle handle) {
        this.handle = handle;
    }

    /** The person's live (not taken back) mark for the year. */
    public Optional<PersonMark> live(String personId, int year) {
        return handle.createQuery("SELECT * FROM person_mark WHERE person_id = ? AND policy_year = ? AND deleted = 0")
                .bind(0, personId).bind(1, year).map((rs, ctx) -> RenewalStore.mark(rs)).findOne();
    }

    /** A new mark (revision 1). */
    public void insert(PersonMark wanted, Instant now, String operator) {
        handle.createUpdate("""
                INSERT INTO person_mark (id, person_id, policy_year, kind, reason, marked_on, revision,
                                         created_at, updated_at, created_by, updated_by)
                VALUES (:id, :person, :year, :kind, :reason, :on, 1, :at, :at, :by, :by)""")
                .bind("id", wanted.id()).bind("person", wanted.personId()).bind("year", wanted.policyYear())
                .bind("kind", wanted.kind().code()).bind("reason", wanted.reason())
                .bind("on", wanted.markedOn().toString())
                .bind("at", now.toString()).bind("by", operator).execute();
        new Outbox(handle, now).mark(wanted, false);
    }

    /** The held mark changed to {@code wanted} (its next revision). */
    public void change(PersonMark wanted, Instant now, String operator) {
        handle.createUpdate("""
                UPDATE person_mark SET kind = :kind, reason = :reason, marked_on = :on, revision = :revision,
                       updated_at = :at, updated_by = :by WHERE id = :id AND revision = :revision - 1""")
                .bind("kind", wanted.kind().code()).bind("reason", wanted.reason())
                .bind("on", wanted.markedOn().toString())
                .bind("revision", wanted.audit().revision()).bind("at", now.toString()).bind("by", operator)
                .bind("id", wanted.id()).execute();
        new Outbox(handle, now).mark(wanted, false);
    }

    /** The mark taken back: {@code gone} is the held one at its next revision. */
    public void tombstone(PersonMark gone, Instant now, String operator) {
        handle.createUpdate("""
                UPDATE person_mark SET deleted = 1, revision = revision + 1, updated_at = :at, updated_by = :by
                WHERE id = :id""").bind("at", now.toString()).bind("by", operator).bind("id", gone.id()).execute();
        new Outbox(handle, now).mark(gone, true);
    }
}
