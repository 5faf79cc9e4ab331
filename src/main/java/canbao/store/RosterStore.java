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

    /** One roster line, checked: the person's birth date and sex come from the ID number. */
    public record RosterRow(int line, String number, String village, String group, String name, String idNumber,
                            LocalDate birthDate, Sex sex, String relation, String ethnicity, String phone) {
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
        return Problem.of("第" + line + "行 " + column, key, arguments);
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

    /** Households by 户号 and persons by ID number; progress is told as (rows done, rows). */
    public Outcome roster(List<RosterRow> rows, String operator, BiConsumer<Integer, Integer> progress,
                          List<Problem> found) {
        Instant now = clock.instant();
        List<Problem> problems = new ArrayList<>(found);
        int[] counts = new int[3];
        try {
            database.jdbi().useTransaction(handle -> {
                HouseholdDao households = handle.attach(HouseholdDao.class);
                PersonDao persons = handle.attach(PersonDao.class);
                Outbox outbox = Outbox.batched(handle, now);
                Map<String, Household> byNumber = new HashMap<>();
                handle.createQuery("SELECT * FROM household WHERE deleted = 0").mapTo(Household.class)
                        .forEach(h -> byNumber.put(key(h.number()), h));
                Map<String, Person> byIdNumber = new HashMap<>();
                handle.createQuery("SELECT * FROM person WHERE deleted = 0 AND id_number IS NOT NULL")
                        .mapTo(Person.class).forEach(p -> byIdNumber.put(p.idNumber(), p));
                Map<String, String> numberOfHousehold = new HashMap<>();
                byNumber.values().forEach(h -> numberOfHousehold.put(h.id(), h.number()));
                List<Household> newHouseholds = new ArrayList<>();
                java.util.Set<String> createdHere = new java.util.HashSet<>();
                List<Person> newPersons = new ArrayList<>();
                List<String> newInitials = new ArrayList<>();
                int done = 0;
                for (RosterRow row : rows) {
                    Household household = byNumber.get(key(row.number()));
                    Household wanted = household == null
                            ? new Household(UUID.randomUUID().toString(), row.number(), row.village(), row.group(),
                            null, row.phone(), Audit.created(now, operator))
                            : new Household(household.id(), household.number(), row.village(),
                            row.group() != null ? row.group() : household.groupName(), household.address(),
                            row.phone() != null ? row.phone() : household.phone(), household.audit());
                    if (household == null) {
                        newHouseholds.add(wanted);
                        createdHere.add(wanted.id());
                        outbox.household(wanted);
                        byNumber.put(key(row.number()), wanted);
                        numberOfHousehold.put(wanted.id(), wanted.number());
                        counts[0]++;
                    } else if (!wanted.equals(household)) {
                        Household changed = new Household(wanted.id(), wanted.number(), wanted.village(),
                                wanted.groupName(), wanted.address(), wanted.phone(),
                                household.audit().changed(now, operator));
                        if (createdHere.contains(household.id())) {
                            // a household this file creates: its later lines disagree with the first
                            boolean villageDiffers = !household.village().equals(wanted.village());
                            String header = villageDiffers ? "村(社区)" : "组";
                            problems.add(at(row.line(), header, "import.householdDiffers", row.number(), header,
                                    villageDiffers ? household.village() : String.valueOf(household.groupName()),
                                    villageDiffers ? wanted.village() : String.valueOf(wanted.groupName())));
                        } else {
                            households.update(changed);
                            outbox.household(changed);
                            byNumber.put(key(row.number()), changed);
                            counts[1]++;
                        }
                    }
                    Household home = byNumber.get(key(row.number()));
                    Person person = byIdNumber.get(row.idNumber());
                    if (person == null) {
                        Person created = new Person(UUID.randomUUID().toString(), home.id(), row.name(),
                                row.idNumber(), null, row.birthDate(), row.sex(), row.ethnicity(), row.relation(),
                                null, null, Audit.created(now, operator));
                        newPersons.add(created);
                        createdHere.add(created.id());
                        newInitials.add(PinyinInitials.of(created.name()));
                        outbox.person(created);
                        byIdNumber.put(row.idNumber(), created);
                        counts[0]++;
                    } else if (!person.householdId().equals(home.id())) {
                        problems.add(at(row.line(), "身份证号", "person.otherHousehold",
                                numberOfHousehold.get(person.householdId()), "—"));
                    } else {
                        Person wantedPerson = new Person(person.id(), person.householdId(), row.name(),
                                person.idNumber(), person.birthCertificateNo(), person.birthDate(), person.sex(),
                                row.ethnicity() != null ? row.ethnicity() : person.ethnicity(),
                                row.relation() != null ? row.relation() : person.relation(),
                                person.employeeInsuranceEndedOn(), person.graduationYear(), person.audit());
                        if (wantedPerson.equals(person)) {
                            counts[2]++;
                        } else if (createdHere.contains(person.id())) {
                            problems.add(at(row.line(), "身份证号", "import.duplicateInFile", row.idNumber()));
                        } else {
                            Person changed = new Person(wantedPerson.id(), wantedPerson.householdId(),
                                    wantedPerson.name(), wantedPerson.idNumber(), wantedPerson.birthCertificateNo(),
                                    wantedPerson.birthDate(), wantedPerson.sex(), wantedPerson.ethnicity(),
                                    wantedPerson.relation(), null, null, person.audit().changed(now, operator));
                            changed = new Person(changed.id(), changed.householdId(), changed.name(),
                                    changed.idNumber(), changed.birthCertificateNo(), changed.birthDate(),
                                    changed.sex(), changed.ethnicity(), changed.relation(),
                                    person.employeeInsuranceEndedOn(), person.graduationYear(), changed.audit());
                            persons.update(changed, PinyinInitials.of(changed.name()));
                            outbox.person(changed);
                            byIdNumber.put(changed.idNumber(), changed);
                            counts[1]++;
                        }
                    }
                    if (++done % 1000 == 0) {
                        progress.accept(done, rows.size());
                    }
                }
                if (!problems.isEmpty()) {
                    throw new Rollback();
                }
                BulkInsert.households(handle.getConnection(), newHouseholds);
                BulkInsert.persons(handle.getConnection(), newPersons, newInitials);
                outbox.flush(handle.getConnection());
                progress.accept(rows.size(), rows.size());
            });
        } catch (Rollback rolledBack) {
            return new Outcome(0, 0, 0, byLine(problems));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Outcome(counts[0], counts[1], counts[2], List.of());
    }

    /** Ledger lines become the persons' categories (认定部门, 认定日期), which the quotes then use. */
    public Outcome ledger(List<LedgerRow> rows, String operator, BiConsumer<Integer, Integer> progress,
                          List<Problem> found) {
        Instant now = clock.instant();
        List<Problem> problems = new ArrayList<>(found);
        int[] counts = new int[3];
        try {
            database.jdbi().useTransaction(handle -> {
                PersonDao persons = handle.attach(PersonDao.class);
                Outbox outbox = Outbox.batched(handle, now);
                int done = 0;
                for (LedgerRow row : rows) {
                    Person person = persons.findByIdNumber(row.idNumber()).orElse(null);
                    if (person == null) {
                        problems.add(at(row.line(), "身份证号", "import.ledgerNotInRoster"));
                    } else if (!person.name().equals(row.name())) {
                        problems.add(at(row.line(), "姓名", "import.ledgerNameDiffers", person.name()));
                    } else {
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
                    if (++done % 1000 == 0) {
                        progress.accept(done, rows.size());
                    }
                }
                if (!problems.isEmpty()) {
                    throw new Rollback();
                }
                outbox.flush(handle.getConnection());
                progress.accept(rows.size(), rows.size());
            });
        } catch (Rollback rolledBack) {
            return new Outcome(0, 0, 0, byLine(problems));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Outcome(counts[0], counts[1], counts[2], List.of());
    }

    /**
     * Problems in file order: the header's first, then by line (stable, so a line's columns keep
     * their order). {@code found} are the file's own problems, passed in so that one report names
     * everything wrong with the file, not half of it.
     */
    private static List<Problem> byLine(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(RosterStore::lineOf));
        return List.copyOf(sorted);
    }

    private static int lineOf(Problem problem) {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("^第(\\d+)行").matcher(problem.field());
        return line.find() ? Integer.parseInt(line.group(1)) : 0;
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
