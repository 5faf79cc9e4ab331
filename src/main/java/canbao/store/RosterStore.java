package canbao.store;

import canbao.model.Audit;
import canbao.model.Household;
import canbao.model.Person;
import canbao.model.PersonCategory;
import canbao.model.Problem;
import canbao.model.Sex;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;

/**
 * Writes checked roster, ledger and target rows: all of a file in one transaction or nothing. A row
 * that says what the store already holds writes nothing (re-importing a file changes nothing); a
 * changed row becomes a new revision, queued for upload like any save. Problems that only the store
 * can see (a person registered in another household, a ledger person not in the roster) are
 * returned by line and nothing is written.
 */
public final class RosterStore {

    /** Lines handed over one at a time as a file is read; null at the end. */
    public interface Source<R> {
        R next() throws java.io.IOException;
    }

    /**
     * One roster line as read: the fields that passed their own checks (null where not), the raw 户号
     * (lower case) and phone the household's phone is chosen from, whether it is the 户主's line, and
     * whether the whole line passed. The person's birth date and sex come from the ID number.
     */
    public record RosterLine(int line, String numberKey, String number, String village, String group, String name,
                             String idNumber, String maskedId, LocalDate birthDate, Sex sex, String relation,
                             String ethnicity, String phone, boolean head, boolean ok) {
    }

    /** One ledger line, checked: the category already resolved to its code. */
    public record LedgerRow(int line, String name, String idNumber, String code, String certifiedBy,
                            LocalDate certifiedOn) {
    }

    public record TargetRow(int line, String village, int target) {
    }

    /** What an import did: rows written, rows already as the file says, and problems (then nothing written). */
    public record Outcome(int created, int changed, int unchanged, List<Problem> problems) {
        public boolean isValid() {
            return problems.isEmpty();
        }
    }

    /** A problem of a file's line and column: its field reads "第12行 身份证号". */
    public static Problem at(int line, String column, String key, Object... arguments) {
        return Problem.at(canbao.model.Location.cell(line, column), key, arguments);
    }

    private static final class Rollback extends RuntimeException {
        Rollback() {
            super(null, null, false, false);
        }
    }

    private final Database database;
    private final Clock clock;

    public RosterStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Lines of a roster checked and written per chunk: the state held is one chunk's, whatever the file's size. */
    private static final int CHUNK = 2000;

    /**
     * Households by 户号 and persons by ID number, in one transaction. The lines are first staged in
     * {@code import_roster_line} (same database, same transaction) and checked across the file there —
     * the same ID number twice, a 户号 written with two villages or groups, the household's phone — then
     * written chunk by chunk; any problem, the file's or the store's, and nothing stays. Progress is told
     * as (lines written, lines) while writing.
     */
    public Outcome roster(Source<RosterLine> lines, String operator, BiConsumer<Integer, Integer> progress,
                          ImportProblems problems) throws java.io.IOException {
        Instant now = clock.instant();
        int[] counts = new int[3];
        try {
            database.jdbi().useTransaction(handle -> {
                java.sql.Connection connection = handle.getConnection();
                handle.execute("DELETE FROM import_roster_line");
                int staged = stage(connection, lines);
                // (a file's IOException is carried out of the transaction unchecked, and thrown again below)
                checkAcrossLines(handle, problems);
                write(handle, now, operator, staged, progress, problems, counts);
                handle.execute("DELETE FROM import_roster_line");
                if (!problems.isEmpty()) {
                    throw new Rollback();
                }
                progress.accept(staged, staged);
            });
        } catch (Rollback rolledBack) {
            return new Outcome(0, 0, 0, problems.list());
        } catch (java.io.UncheckedIOException fileFailed) {
            throw fileFailed.getCause();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Outcome(counts[0], counts[1], counts[2], List.of());
    }

    private static <R> R read(Source<R> source) {
        try {
            return source.next();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int stage(java.sql.Connection connection, Source<RosterLine> lines) throws java.sql.SQLException {
        int staged = 0;
        try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO import_roster_line (line, number_key, number, village, group_name, name, id_number,
                    birth_date, sex, relation, ethnicity, phone, is_head, ok)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (RosterLine line = read(lines); line != null; line = read(lines)) {
                insert.setInt(1, line.line());
                insert.setString(2, line.numberKey());
                insert.setString(3, line.number());
                insert.setString(4, line.village());
                insert.setString(5, line.group());
                insert.setString(6, line.name());
                insert.setString(7, line.idNumber());
                insert.setString(8, line.birthDate() == null ? null : line.birthDate().toString());
                insert.setString(9, line.sex() == null ? null : line.sex().name());
                insert.setString(10, line.relation());
                insert.setString(11, line.ethnicity());
                insert.setString(12, line.phone());
                insert.setInt(13, line.head() ? 1 : 0);
                insert.setInt(14, line.ok() ? 1 : 0);
                insert.addBatch();
                if (++staged % CHUNK == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return staged;
    }

    /**
     * The checks that need the whole file, as queries over the staged lines: every repeat of an ID
     * number after its first line, and every line whose village or group differs from its 户号's first
     * line. Those lines are not written (the file is refused anyway): marked by one statement each, after
     * their problems were read (no update while the query's rows are being read).
     */
    private record LineProblem(int line, Problem problem) {
    }

    private static void checkAcrossLines(Handle handle, ImportProblems problems) {
        // each UPDATE marks exactly the lines its SELECT reported: skipped when it reported none (a clean
        // file), as it would change nothing after reading the whole staging table again
        int[] found = new int[2];
        handle.createQuery("""
                SELECT s.seq, s.line, s.id_number FROM import_roster_line s
                WHERE s.id_number IS NOT NULL AND EXISTS (SELECT 1 FROM import_roster_line f
                    WHERE f.id_number = s.id_number AND f.seq < s.seq)""")
                .map((rs, ctx) -> new LineProblem(rs.getInt(2), at(rs.getInt(2), "身份证号", "import.duplicateInFile",
                        canbao.model.IdMask.mask(rs.getString(3)))))
                .forEach(line -> {
                    found[0]++;
                    problems.add(line.line(), line.problem());
                });
        if (found[0] > 0) {
            handle.execute("""
                UPDATE import_roster_line SET ok = 0 WHERE id_number IS NOT NULL AND EXISTS (
                    SELECT 1 FROM import_roster_line f WHERE f.id_number = import_roster_line.id_number
                    AND f.seq < import_roster_line.seq)""");
        }
        handle.createQuery("""
                SELECT s.seq, s.line, s.number, s.village, s.group_name, f.village, f.group_name
                FROM import_roster_line s JOIN import_roster_line f ON f.seq = (
                    SELECT min(seq) FROM import_roster_line
                    WHERE number_key = s.number_key AND number IS NOT NULL AND village IS NOT NULL)
                WHERE s.number IS NOT NULL AND s.village IS NOT NULL AND f.seq <> s.seq
                  AND (f.village <> s.village OR f.group_name IS NOT s.group_name)""")
                .map((rs, ctx) -> {
                    boolean villageDiffers = !rs.getString(6).equals(rs.getString(4));
                    String header = villageDiffers ? "村(社区)" : "组";
                    return new LineProblem(rs.getInt(2), at(rs.getInt(2), header, "import.householdDiffers",
                            rs.getString(3), header,
                            villageDiffers ? rs.getString(6) : Objects.requireNonNullElse(rs.getString(7), ""),
                            villageDiffers ? rs.getString(4) : Objects.requireNonNullElse(rs.getString(5), "")));
                })
                .forEach(line -> {
                    found[1]++;
                    problems.add(line.line(), line.problem());
                });
        if (found[1] > 0) {
            handle.execute("""
                UPDATE import_roster_line SET ok = 0 WHERE number IS NOT NULL AND village IS NOT NULL AND EXISTS (
                    SELECT 1 FROM import_roster_line f WHERE f.seq = (
                        SELECT min(g.seq) FROM import_roster_line g WHERE g.number_key = import_roster_line.number_key
                        AND g.number IS NOT NULL AND g.village IS NOT NULL)
                    AND f.seq <> import_roster_line.seq
                    AND (f.village <> import_roster_line.village OR f.group_name IS NOT import_roster_line.group_name))""");
        }
    }

    /** A staged line that passed, with its household's phone (the 户主's, else the first given). */
    private record Staged(long seq, int line, String number, String village, String group, String name,
                          String idNumber, LocalDate birthDate, Sex sex, String relation, String ethnicity,
                          String phone) {
    }

    private void write(Handle handle, Instant now, String operator, int staged, BiConsumer<Integer, Integer> progress,
                       ImportProblems problems, int[] counts) throws java.sql.SQLException {
        HouseholdDao households = handle.attach(HouseholdDao.class);
        PersonDao persons = handle.attach(PersonDao.class);
        Outbox outbox = Outbox.batched(handle, now);
        long after = 0;
        int done = 0;
        while (true) {
            List<Staged> chunk = handle.createQuery("""
                    SELECT s.seq, s.line, s.number, s.village, s.group_name, s.name, s.id_number, s.birth_date,
                           s.sex, s.relation, s.ethnicity,
                           (SELECT p.phone FROM import_roster_line p WHERE p.number_key = s.number_key
                                AND p.phone IS NOT NULL ORDER BY p.is_head DESC, p.seq LIMIT 1) AS household_phone
                    FROM import_roster_line s WHERE s.ok = 1 AND s.seq > :after ORDER BY s.seq LIMIT :chunk""")
                    .bind("after", after).bind("chunk", CHUNK)
                    .map((rs, ctx) -> new Staged(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), LocalDate.parse(rs.getString(8)),
                            Sex.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12)))
                    .list();
            if (chunk.isEmpty()) {
                break;
            }
            after = chunk.get(chunk.size() - 1).seq();
            // what the store holds for this chunk's households and persons; this chunk's own new ones are added
            Map<String, Household> byNumber = new HashMap<>();
            handle.createQuery("SELECT * FROM household WHERE deleted = 0 AND number COLLATE NOCASE IN (<numbers>)")
                    .bindList("numbers", chunk.stream().map(Staged::number).distinct().toList())
                    .mapTo(Household.class).forEach(h -> byNumber.put(key(h.number()), h));
            Map<String, Person> byIdNumber = new HashMap<>();
            handle.createQuery("""
                    SELECT * FROM person WHERE deleted = 0 AND id_number IS NOT NULL AND id_number IN (<ids>)""")
                    .bindList("ids", chunk.stream().map(Staged::idNumber).toList())
                    .mapTo(Person.class).forEach(p -> byIdNumber.put(p.idNumber(), p));
            List<Household> newHouseholds = new ArrayList<>();
            List<Person> newPersons = new ArrayList<>();
            List<String> newInitials = new ArrayList<>();
            for (Staged row : chunk) {
                Household household = byNumber.get(key(row.number()));
                Household wanted = household == null
                        ? new Household(UUID.randomUUID().toString(), row.number(), row.village(), row.group(),
                        null, row.phone(), Audit.created(now, operator))
                        : new Household(household.id(), household.number(), row.village(),
                        row.group() != null ? row.group() : household.groupName(), household.address(),
                        row.phone() != null ? row.phone() : household.phone(), household.audit());
                if (household == null) {
                    newHouseholds.add(wanted);
                    outbox.household(wanted);
                    byNumber.put(key(row.number()), wanted);
                    counts[0]++;
                } else if (!wanted.equals(household)) {
                    // lines of one 户号 agree (checked across the file): only a stored household changes here
                    Household changed = new Household(wanted.id(), wanted.number(), wanted.village(),
                            wanted.groupName(), wanted.address(), wanted.phone(),
                            household.audit().changed(now, operator));
                    households.update(changed);
                    outbox.household(changed);
                    byNumber.put(key(row.number()), changed);
                    counts[1]++;
                }
                Household home = byNumber.get(key(row.number()));
                Person person = byIdNumber.get(row.idNumber());
                if (person == null) {
                    Person created = new Person(UUID.randomUUID().toString(), home.id(), row.name(),
                            row.idNumber(), null, row.birthDate(), row.sex(), row.ethnicity(), row.relation(),
                            null, null, Audit.created(now, operator));
                    newPersons.add(created);
                    newInitials.add(PinyinInitials.of(created.name()));
                    outbox.person(created);
                    byIdNumber.put(row.idNumber(), created);
                    counts[0]++;
                } else if (!person.householdId().equals(home.id())) {
                    String otherNumber = handle.createQuery("SELECT number FROM household WHERE id = ?")
                            .bind(0, person.householdId()).mapTo(String.class).findOne().orElse("—");
                    problems.at(row.line(), "身份证号", "person.otherHousehold", otherNumber, "—");
                } else {
                    Person wantedPerson = new Person(person.id(), person.householdId(), row.name(),
                            person.idNumber(), person.birthCertificateNo(), person.birthDate(), person.sex(),
                            row.ethnicity() != null ? row.ethnicity() : person.ethnicity(),
                            row.relation() != null ? row.relation() : person.relation(),
                            person.employeeInsuranceEndedOn(), person.graduationYear(), person.audit());
                    if (wantedPerson.equals(person)) {
                        counts[2]++;
                    } else {
                        Person changed = new Person(wantedPerson.id(), wantedPerson.householdId(),
                                wantedPerson.name(), wantedPerson.idNumber(), wantedPerson.birthCertificateNo(),
                                wantedPerson.birthDate(), wantedPerson.sex(), wantedPerson.ethnicity(),
                                wantedPerson.relation(), person.employeeInsuranceEndedOn(),
                                person.graduationYear(), person.audit().changed(now, operator));
                        persons.update(changed, PinyinInitials.of(changed.name()));
                        outbox.person(changed);
                        byIdNumber.put(changed.idNumber(), changed);
                        counts[1]++;
                    }
                }
            }
            if (problems.isEmpty()) {
                BulkInsert.households(handle.getConnection(), newHouseholds);
                BulkInsert.persons(handle.getConnection(), newPersons, newInitials);
                outbox.flush(handle.getConnection());
            } else {
                // the file is refused: nothing of it is written, only the store's problems are still looked for
                outbox.discard();
            }
            done += chunk.size();
            progress.accept(done, staged);
        }
    }

    /** Ledger lines become the persons' categories (认定部门, 认定日期), which the quotes then use. */
    public Outcome ledger(Source<LedgerRow> rows, String operator, BiConsumer<Integer, Integer> progress,
                          ImportProblems problems) throws java.io.IOException {
        Instant now = clock.instant();
        int[] counts = new int[3];
        try {
            database.jdbi().useTransaction(handle -> {
                PersonDao persons = handle.attach(PersonDao.class);
                Outbox outbox = Outbox.batched(handle, now);
                int done = 0;
                for (LedgerRow row = read(rows); row != null; row = read(rows)) {
                    ledgerRow(handle, persons, outbox, row, now, operator, problems, counts);
                    if (++done % CHUNK == 0) {
                        if (problems.isEmpty()) {
                            outbox.flush(handle.getConnection());
                        } else {
                            outbox.discard();
                        }
                        progress.accept(done, done);
                    }
                }
                if (!problems.isEmpty()) {
                    throw new Rollback();
                }
                outbox.flush(handle.getConnection());
                progress.accept(done, done);
            });
        } catch (Rollback rolledBack) {
            return new Outcome(0, 0, 0, problems.list());
        } catch (java.io.UncheckedIOException fileFailed) {
            throw fileFailed.getCause();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Outcome(counts[0], counts[1], counts[2], List.of());
    }

    private static void ledgerRow(Handle handle, PersonDao persons, Outbox outbox, LedgerRow row, Instant now,
                      String operator, ImportProblems problems, int[] counts) {
        if (row.idNumber() == null) {
            return;
        }
        Person person = persons.findByIdNumber(row.idNumber()).orElse(null);
        if (person == null) {
            problems.at(row.line(), "身份证号", "import.ledgerNotInRoster");
        } else if (!person.name().equals(row.name())) {
            problems.at(row.line(), "姓名", "import.ledgerNameDiffers", person.name());
        } else if (row.code() != null) {
            PersonCategory held = persons.listCategories(person.id()).stream()
                    .filter(c -> c.code().equals(row.code())).findFirst().orElse(null);
            if (held == null) {
                PersonCategory created = new PersonCategory(UUID.randomUUID().toString(), person.id(),
                        row.code(), row.certifiedBy(), row.certifiedOn(), Audit.created(now, operator));
                persons.insertCategory(created);
                outbox.category(created, false);
                counts[0]++;
            } else if (Objects.equals(held.certifiedBy(), row.certifiedBy())
                    && Objects.equals(held.certifiedOn(), row.certifiedOn())) {
                counts[2]++;
            } else {
                PersonCategory changed = new PersonCategory(held.id(), held.personId(), held.code(),
                        row.certifiedBy(), row.certifiedOn(), held.audit().changed(now, operator));
                updateCategory(handle, changed);
                outbox.category(changed, false);
                counts[1]++;
            }
        }
    }

    private static void updateCategory(Handle handle, PersonCategory category) {
        handle.createUpdate("""
                UPDATE person_category SET certified_by = :by, certified_on = :on, revision = :revision,
                       updated_at = :at, updated_by = :operator
                WHERE id = :id AND revision = :revision - 1""")
                .bind("by", category.certifiedBy()).bind("on", category.certifiedOn())
                .bind("revision", category.audit().revision()).bind("at", category.audit().updatedAt())
                .bind("operator", category.audit().updatedBy()).bind("id", category.id()).execute();
    }

    /** 应参保人数 per village; a village's figure is replaced by the file's. */
    public Outcome targets(List<TargetRow> rows, String operator) {
        Instant now = clock.instant();
        int[] counts = new int[3];
        database.jdbi().useTransaction(handle -> {
            for (TargetRow row : rows) {
                Integer held = handle.createQuery("SELECT target FROM village_target WHERE village = ?")
                        .bind(0, row.village()).mapTo(Integer.class).findOne().orElse(null);
                if (held != null && held == row.target()) {
                    counts[2]++;
                    continue;
                }
                handle.createUpdate("""
                        INSERT INTO village_target (village, target, updated_at, updated_by)
                        VALUES (:village, :target, :at, :by)
                        ON CONFLICT (village) DO UPDATE SET target = excluded.target,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                        .bind("village", row.village()).bind("target", row.target()).bind("at", now.toString())
                        .bind("by", operator).execute();
                counts[held == null ? 0 : 1]++;
            }
        });
        return new Outcome(counts[0], counts[1], counts[2], List.of());
    }

    private static String key(String number) {
        return number.toLowerCase(java.util.Locale.ROOT);
    }
}
