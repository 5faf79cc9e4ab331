package canbao.store;

import canbao.model.Audit;
import canbao.model.EnrollmentStatus;
import canbao.model.MarkKind;
import canbao.model.Person;
import canbao.model.PersonMark;
import canbao.model.PlainText;
import canbao.model.Problem;
import canbao.model.Validated;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Marks that end the renewal chase (迁出, 死亡, 职工医保, 外地参保, 拒绝参保 with a reason), with the day and
 * the operator. Saved like any syncable row: a revision, the outbox (entity {@code person_mark}) and the
 * audit log in the same transaction; taking a mark back is a tombstone. One live mark per person and
 * year: marking again changes it.
 */
public final class PersonMarks {

    static final int MAX_REASON = 100;

    private final Database database;
    private final Clock clock;

    public PersonMarks(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Validated<PersonMark> mark(String personId, int year, MarkKind kind, String reason, LocalDate markedOn,
                                      String operator) {
        List<Problem> problems = new ArrayList<>();
        String shownReason = reason == null || reason.isBlank() ? null : reason.strip();
        if (kind == null) {
            problems.add(Problem.of("mark.kind", "field.missing"));
        } else if (kind.needsReason() && shownReason == null) {
            problems.add(Problem.of("mark.reason", "field.missing"));
        }
        if (shownReason != null && shownReason.length() > MAX_REASON) {
            problems.add(Problem.of("mark.reason", "field.tooLong", MAX_REASON));
        } else {
            PlainText.problem(shownReason).ifPresent(key -> problems.add(Problem.of("mark.reason", key)));
        }
        if (markedOn == null) {
            problems.add(Problem.of("mark.markedOn", "field.missing"));
        } else if (markedOn.isAfter(LocalDate.now(clock))) {
            problems.add(Problem.of("mark.markedOn", "date.future", markedOn));
        } else if (!PlainText.isDateInRange(markedOn)) {
            problems.add(Problem.of("mark.markedOn", "date.range", markedOn));
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return database.jdbi().inTransaction(handle -> {
            Optional<Person> person = handle.attach(PersonDao.class).findById(personId);
            if (person.isEmpty()) {
                return Validated.<PersonMark>invalid(List.of(Problem.of("mark.person", "mark.personNotFound")));
            }
            boolean paid = handle.attach(EnrollmentDao.class).findLive(personId, year)
                    .filter(e -> e.status() == EnrollmentStatus.PAID).isPresent();
            if (paid) {
                return Validated.<PersonMark>invalid(List.of(Problem.of("mark.person", "mark.enrolled", year)));
            }
            Instant now = clock.instant();
            Optional<PersonMark> live = live(handle, personId, year);
            PersonMark wanted;
            if (live.isPresent()) {
                PersonMark held = live.get();
                if (held.kind() == kind && Objects.equals(held.reason(), shownReason)
                        && held.markedOn().equals(markedOn)) {
                    return Validated.valid(held);
                }
                wanted = new PersonMark(held.id(), personId, year, kind, shownReason, markedOn,
                        held.audit().changed(now, operator));
                handle.createUpdate("""
                        UPDATE person_mark SET kind = :kind, reason = :reason, marked_on = :on, revision = :revision,
                               updated_at = :at, updated_by = :by WHERE id = :id AND revision = :revision - 1""")
                        .bind("kind", kind.code()).bind("reason", shownReason).bind("on", markedOn.toString())
                        .bind("revision", wanted.audit().revision()).bind("at", now.toString()).bind("by", operator)
                        .bind("id", held.id()).execute();
            } else {
                wanted = new PersonMark(UUID.randomUUID().toString(), personId, year, kind, shownReason, markedOn,
                        Audit.created(now, operator));
                handle.createUpdate("""
                        INSERT INTO person_mark (id, person_id, policy_year, kind, reason, marked_on, revision,
                                                 created_at, updated_at, created_by, updated_by)
                        VALUES (:id, :person, :year, :kind, :reason, :on, 1, :at, :at, :by, :by)""")
                        .bind("id", wanted.id()).bind("person", personId).bind("year", year)
                        .bind("kind", kind.code()).bind("reason", shownReason).bind("on", markedOn.toString())
                        .bind("at", now.toString()).bind("by", operator).execute();
            }
            new Outbox(handle, now).mark(wanted, false);
            return Validated.valid(wanted);
        });
    }

    /** Takes back the person's mark for the year (a tombstone, uploaded and audited); false when there was none. */
    public boolean unmark(String personId, int year, String operator) {
        return database.jdbi().inTransaction(handle -> {
            Optional<PersonMark> live = live(handle, personId, year);
            if (live.isEmpty()) {
                return false;
            }
            Instant now = clock.instant();
            PersonMark held = live.get();
            PersonMark gone = new PersonMark(held.id(), held.personId(), held.policyYear(), held.kind(), held.reason(),
                    held.markedOn(), held.audit().changed(now, operator));
            handle.createUpdate("""
                    UPDATE person_mark SET deleted = 1, revision = revision + 1, updated_at = :at, updated_by = :by
                    WHERE id = :id""").bind("at", now.toString()).bind("by", operator).bind("id", held.id()).execute();
            new Outbox(handle, now).mark(gone, true);
            return true;
        });
    }

    private static Optional<PersonMark> live(Handle handle, String personId, int year) {
        return handle.createQuery("SELECT * FROM person_mark WHERE person_id = ? AND policy_year = ? AND deleted = 0")
                .bind(0, personId).bind(1, year).map((rs, ctx) -> RenewalStore.mark(rs)).findOne();
    }
}
