package canbao.service;

import canbao.model.Audit;
import canbao.model.EnrollmentStatus;
import canbao.model.MarkKind;
import canbao.model.Person;
import canbao.model.PersonMark;
import canbao.model.PlainText;
import canbao.model.Problem;
import canbao.model.Validated;
import canbao.store.Database;
import canbao.store.EnrollmentDao;
import canbao.store.MarkRows;
import canbao.store.PersonDao;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Marks that end the renewal chase (迁出, 死亡, 职工医保, 外地参保, 拒绝参保 with a reason), with the day and
 * the operator: checked here, then saved like any syncable row ({@link MarkRows}: a revision, the outbox
 * and the audit log in the same transaction); taking a mark back is a tombstone. One live mark per person
 * and year: marking again changes it.
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
            MarkRows rows = new MarkRows(handle);
            Optional<PersonMark> live = rows.live(personId, year);
            PersonMark wanted;
            if (live.isPresent()) {
                PersonMark held = live.get();
                if (held.kind() == kind && Objects.equals(held.reason(), shownReason)
                        && held.markedOn().equals(markedOn)) {
                    return Validated.valid(held);
                }
                wanted = new PersonMark(held.id(), personId, year, kind, shownReason, markedOn,
                        held.audit().changed(now, operator));
                rows.change(wanted, now, operator);
            } else {
                wanted = new PersonMark(UUID.randomUUID().toString(), personId, year, kind, shownReason, markedOn,
                        Audit.created(now, operator));
                rows.insert(wanted, now, operator);
            }
            return Validated.valid(wanted);
        });
    }

    /** Takes back the person's mark for the year (a tombstone, uploaded and audited); false when there was none. */
    public boolean unmark(String personId, int year, String operator) {
        return database.jdbi().inTransaction(handle -> {
            MarkRows rows = new MarkRows(handle);
            Optional<PersonMark> live = rows.live(personId, year);
            if (live.isEmpty()) {
                return false;
            }
            Instant now = clock.instant();
            PersonMark held = live.get();
            PersonMark gone = new PersonMark(held.id(), held.personId(), held.policyYear(), held.kind(), held.reason(),
                    held.markedOn(), held.audit().changed(now, operator));
            rows.tombstone(gone, now, operator);
            return true;
        });
    }
}
