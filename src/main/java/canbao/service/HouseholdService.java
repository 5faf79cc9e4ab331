package canbao.service;

import canbao.model.Audit;
import canbao.model.Enrollment;
import canbao.model.EnrollmentStatus;
import canbao.model.FieldLimits;
import canbao.model.Household;
import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Person;
import canbao.model.PersonCategory;
import canbao.model.Location;
import canbao.model.Problem;
import canbao.model.Validated;
import canbao.policy.CoverageHistory;
import canbao.policy.FieldRules;
import canbao.policy.KnownHistory;
import canbao.policy.MemberDraft;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import canbao.policy.QuoteSnapshot;
import canbao.store.BulkDao;
import canbao.store.Database;
import canbao.store.EnrollmentDao;
import canbao.store.HistoryDao;
import canbao.store.HouseholdDao;
import canbao.store.Outbox;
import canbao.store.PersonDao;
import canbao.store.PinyinInitials;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Saves a household with its members, categories and enrolments: every check first, then one
 * transaction, so a family is stored whole or not at all. The household screen and the
 * {@code enroll} command both come through here, with the same checks and the same duplicate guard.
 */
public final class HouseholdService {

    /** A paying member's tier is entered with its enrolment, so its problems are reported there. */
    private static final String TIER_FIELD = "enrollment.tier";

    private final Database database;
    private final PolicyLibrary library;
    private final QuoteRequestValidator validator;
    private final QuoteEngine engine;
    private final Clock clock;

    public HouseholdService(Database database, PolicyLibrary library, QuoteEngine engine, Clock clock) {
        this.database = database;
        this.library = library;
        this.validator = new QuoteRequestValidator(library, clock);
        this.engine = engine;
        this.clock = clock;
    }

    /** What was saved: the household and, per member in entry order, the person and any new enrolment. */
    public record Saved(Household household, List<SavedMember> members) {

        /** What the household's saved enrolments pay together, as stored. */
        public Money paid() {
            return members.stream().map(m -> m.enrollment().payable()).reduce(Money.ZERO, Money::plus);
        }
    }

    public record SavedMember(Person person, Enrollment enrollment, MemberQuote quote) {
    }

    /** A stored household as a screen opens it: members with their categories and live enrolment for a year. */
    public record Loaded(Household household, List<LoadedMember> members) {
    }

    /**
     * @param enrollment the live enrolment for the year, or null
     * @param cancelled without a live one, the enrolment for the year cancelled last (作废, with its reason), or null
     */
    public record LoadedMember(Person person, List<PersonCategory> categories, Enrollment enrollment,
                               Enrollment cancelled) {

        public LoadedMember(Person person, List<PersonCategory> categories, Enrollment enrollment) {
            this(person, categories, enrollment, null);
        }
    }

    public Optional<Loaded> load(String householdId, int policyYear) {
        // a plain read: transactions begin IMMEDIATE (write lock), which a read must not hold
        return database.jdbi().withHandle(handle -> {
            Optional<Household> household = handle.attach(HouseholdDao.class).findById(householdId);
            if (household.isEmpty()) {
                return Optional.empty();
            }
            PersonDao persons = handle.attach(PersonDao.class);
            EnrollmentDao enrollments = handle.attach(EnrollmentDao.class);
            List<LoadedMember> members = new ArrayList<>();
            for (Person person : persons.listByHousehold(householdId)) {
                Enrollment live = enrollments.findLive(person.id(), policyYear).orElse(null);
                members.add(new LoadedMember(person, persons.listCategories(person.id()), live,
                        live != null ? null : enrollments.findLastCancelled(person.id(), policyYear).orElse(null)));
            }
            return Optional.of(new Loaded(household.get(), members));
        });
    }

    /**
     * What this counter knows of a person's coverage for a policy year: its paid enrolments of other
     * years and the declared years it holds (the hub is not asked here). NONE for a person not stored.
     */
    public KnownHistory knownHistory(String idNumber, String birthCertificateNo, int policyYear) {
        return database.jdbi().withHandle(handle -> {
            Optional<Person> person = byIdentity(handle.attach(PersonDao.class), idNumber, birthCertificateNo);
            return person.map(found -> history(handle.attach(HistoryDao.class), found.id(), policyYear,
                    KnownHistory.NONE)).orElse(KnownHistory.NONE);
        });
    }

    /**
     * A live paid enrolment of a person for a year, where it is: told to the clerk when the member is
     * typed, before any money is taken (the save would refuse it anyway).
     */
    public record EnrolledAlready(String householdId, String householdNumber, String village, LocalDate paidOn,
                                  String operatorName) {
    }

    public Optional<EnrolledAlready> enrolledAlready(String idNumber, String birthCertificateNo, int policyYear) {
        return database.jdbi().withHandle(handle -> {
            Optional<Person> found = byIdentity(handle.attach(PersonDao.class), idNumber, birthCertificateNo);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Person person = found.get();
            HouseholdDao households = handle.attach(HouseholdDao.class);
            return handle.attach(EnrollmentDao.class).findLive(person.id(), policyYear)
                    .filter(e -> e.status() == EnrollmentStatus.PAID)
                    .map(live -> {
                        Household household = households.findById(person.householdId()).orElseThrow();
                        LocalDate on = live.paymentDate() != null ? live.paymentDate()
                                : live.audit().createdAt().atZone(clock.getZone()).toLocalDate();
                        return new EnrolledAlready(household.id(), household.number(), household.village(), on,
                                households.operatorName(live.audit().createdBy()));
                    });
        });
    }

    /** A stored person by ID number, else by birth certificate number (a newborn without one yet). */
    private static Optional<Person> byIdentity(PersonDao persons, String idNumber, String birthCertificateNo) {
        Optional<Person> found = idNumber == null ? Optional.empty() : persons.findByIdNumber(idNumber);
        return found.isEmpty() && birthCertificateNo != null ? persons.findByBirthCertificate(birthCertificateNo)
                : found;
    }

    /** Refuses the whole entry; nothing of it was written. */
    public static final class Refused extends RuntimeException {
        private final transient List<Problem> problems;

        Refused(List<Problem> problems) {
            super("household refused: " + problems.size() + " problem(s)");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** A member that passed the checks, with what it needs for the transaction. */
    private record CheckedMember(int index, HouseholdEntry.Member entry, PersonFacts facts, PolicyTable table) {
        Location field(String name) {
            return Location.member(index, name);
        }
    }

    public Validated<Saved> save(HouseholdEntry entry, String operator) {
        List<Problem> problems = new ArrayList<>();
        List<CheckedMember> members = check(entry, problems);
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        try {
            return Validated.valid(database.jdbi().inTransaction(handle -> write(handle, entry, members, operator)));
        } catch (Refused refused) {
            return Validated.invalid(refused.problems());
        }
    }

    // ---- checks that need no database -------------------------------------------------------------

    private List<CheckedMember> check(HouseholdEntry entry, List<Problem> problems) {
        requireText(entry.number(), Location.field("household.number"), FieldLimits.HOUSEHOLD_NUMBER, problems);
        requireText(entry.village(), Location.field("household.village"), FieldLimits.VILLAGE, problems);
        optionalText(entry.group(), Location.field("household.group"), FieldLimits.GROUP, problems);
        optionalText(entry.address(), Location.field("household.address"), FieldLimits.ADDRESS, problems);
        FieldRules.phone("household.phone", entry.phone()).ifPresent(problems::add);
        List<CheckedMember> checked = new ArrayList<>();
        if (entry.members() == null) {
            return checked;
        }
        Set<String> identities = new HashSet<>();
        for (int i = 0; i < entry.members().size(); i++) {
            HouseholdEntry.Member member = entry.members().get(i);
            Location prefix = new Location.Member(i, Location.NONE);
            requireText(member.name(), prefix.child("name"), FieldLimits.NAME, problems);
            dateInRange(member.birthDate(), prefix.child("birthDate"), problems);
            dateInRange(member.employeeInsuranceEndedOn(), prefix.child("employeeInsuranceEndedOn"), problems);
            optionalText(member.relation(), prefix.child("relation"), FieldLimits.RELATION, problems);
            optionalText(member.ethnicity(), prefix.child("ethnicity"), FieldLimits.ETHNICITY, problems);
            FieldRules.ethnicity(prefix.child("ethnicity"), member.ethnicity()).ifPresent(problems::add);
            HouseholdEntry.EnrollmentRequest enrollment = member.enrollment();
            PolicyTable table = null;
            boolean paying = false;
            if (enrollment != null) {
                table = checkEnrollment(enrollment, prefix.child("enrollment"), problems);
                paying = enrollment.withGuardian() == null && status(enrollment) != EnrollmentStatus.CANCELLED;
            }
            List<String> codes = member.categories() == null ? List.of()
                    : member.categories().stream().map(HouseholdEntry.Category::code).toList();
            // declared years are checked here (range, none after the year); the repair needs the whole
            // history, so it is checked with the enrolment
            List<Integer> declared = new ArrayList<>(member.history().from(KnownHistory.Source.DECLARED));
            MemberDraft draft = new MemberDraft(member.name(), member.idNumber(), member.birthDate(),
                    member.birthCertificateNo(), paying ? enrollment.tier() : null, codes,
                    member.employeeInsuranceEndedOn(), member.graduationYear(), declared.isEmpty() ? null : declared,
                    null);
            for (String evidence : member.history().evidence().values()) {
                optionalText(evidence, prefix.child("coverageEvidence"), FieldLimits.COVERAGE_EVIDENCE, problems);
            }
            Validated<PersonFacts> person = validator.validatePerson(draft, table,
                    paying ? enrollment.paymentDate() : null, false);
            if (!person.isValid()) {
                for (Problem problem : person.problems()) {
                    Location field = problem.location().equals(Location.field("tier")) ? Location.field(TIER_FIELD)
                            : problem.location() instanceof Location.Item item && item.field().equals("categories")
                            ? problem.location().child("code")
                            : problem.location();
                    problems.add(problem.at(field.inMember(i)));
                }
                continue;
            }
            if (member.categories() != null) {
                for (int c = 0; c < member.categories().size(); c++) {
                    optionalText(member.categories().get(c).certifiedBy(), Location.item("categories", c).child("certifiedBy").inMember(i),
                            FieldLimits.CERTIFIED_BY, problems);
                    LocalDate certified = member.categories().get(c).certifiedOn();
                    if (certified != null && certified.isAfter(LocalDate.now(clock))) {
                        problems.add(Problem.at(Location.item("categories", c).child("certifiedOn").inMember(i), "date.future", certified));
                    }
                }
            }
            PersonFacts facts = person.value();
            String identity = canbao.model.PersonKey.of(facts.idNumber(), facts.birthCertificateNo());
            if (!identities.add(identity)) {
                problems.add(Problem.at(prefix.child(facts.idNumber() != null ? "idNumber" : "birthCertificateNo"),
                        "member.repeated"));
            }
            checked.add(new CheckedMember(i, member, facts, table));
        }
        return checked;
    }

    private PolicyTable checkEnrollment(HouseholdEntry.EnrollmentRequest enrollment, Location prefix,
                                        List<Problem> problems) {
        PolicyTable table = null;
        if (enrollment.policyYear() == null) {
            problems.add(Problem.at(prefix.child("policyYear"), "field.missing"));
        } else {
            table = library.table(enrollment.policyYear()).orElse(null);
            if (table == null) {
                problems.add(Problem.at(prefix.child("policyYear"), "policyYear.noTable", enrollment.policyYear(),
                        library.yearsText()));
            }
        }
        EnrollmentStatus status = status(enrollment);
        if (enrollment.withGuardian() != null) {
            if (enrollment.tier() != null || enrollment.paymentDate() != null || status != EnrollmentStatus.PAID) {
                problems.add(Problem.at(prefix.child("withGuardian"), "enrollment.withGuardianNoPayment"));
            }
        } else if (status != EnrollmentStatus.CANCELLED && enrollment.paymentDate() == null) {
            problems.add(Problem.at(prefix.child("paymentDate"), "field.missing"));
        } else if (status == EnrollmentStatus.PAID && enrollment.paymentDate().isAfter(LocalDate.now(clock))) {
            // a payment is recorded when the money is taken: a date after today is a typing slip
            problems.add(Problem.at(prefix.child("paymentDate"), "enrollment.paymentDate.future", enrollment.paymentDate()));
        }
        optionalText(enrollment.receiptNo(), prefix.child("receiptNo"), FieldLimits.RECEIPT, problems);
        optionalText(enrollment.cancelReason(), prefix.child("cancelReason"), FieldLimits.CANCEL_REASON, problems);
        if (enrollment.cancelReason() != null && status != EnrollmentStatus.CANCELLED) {
            problems.add(Problem.at(prefix.child("cancelReason"), "enrollment.cancelReason.notCancelling"));
        }
        dateInRange(enrollment.paymentDate(), prefix.child("paymentDate"), problems);
        return table;
    }

    /** A request without a status is a paid enrolment. */
    private static EnrollmentStatus status(HouseholdEntry.EnrollmentRequest enrollment) {
        return enrollment.status() == null ? EnrollmentStatus.PAID : enrollment.status();
    }

    private static void requireText(String text, Location field, int maxLength, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(Problem.at(field, "field.missing"));
        } else {
            optionalText(text, field, maxLength, problems);
        }
    }

    private static void optionalText(String text, Location field, int maxLength, List<Problem> problems) {
        FieldRules.text(field, text, maxLength).ifPresent(problems::add);
    }

    /** A date given must be one a person can have (1900–2100): year 0 or +99999 is a typing slip. */
    private static void dateInRange(LocalDate date, Location field, List<Problem> problems) {
        if (!canbao.model.PlainText.isDateInRange(date)) {
            problems.add(Problem.at(field, "date.range", date));
        }
    }

    // ---- the transaction ------------------------------------------------------------------------------

    /**
     * One save's transaction, handed to each of its steps: the handle's DAOs, who saves and when, the
     * outbox (with its audit entries) of this save, the household once written, the persons this entry
     * created and every problem found so far.
     */
    private static final class Transaction {
        final Handle handle;
        final HouseholdDao households;
        final PersonDao persons;
        final EnrollmentDao enrollments;
        final HistoryDao histories;
        /**
         * The entry's outbox and audit entries, held and written at the end in one batch each (one statement
         * and one chain-head update instead of one per row), still inside this transaction (issue 19).
         */
        final Outbox outbox;
        final String operator;
        final Instant now;
        final List<Problem> problems = new ArrayList<>();
        /** Persons created by this entry: they have no stored categories or enrolments to look up. */
        final Set<String> created = new HashSet<>();
        /** The household saved, once it is. */
        Household household;
        /**
         * What is stored of the members that pay or cancel for themselves (new ones too: the categories this
         * entry gave them are the subsidy's basis), read once their categories are saved.
         */
        Stored stored = Stored.NONE;

        Transaction(Handle handle, String operator, Instant now) {
            this.handle = handle;
            this.households = handle.attach(HouseholdDao.class);
            this.persons = handle.attach(PersonDao.class);
            this.enrollments = handle.attach(EnrollmentDao.class);
            this.histories = handle.attach(HistoryDao.class);
            this.outbox = Outbox.batched(handle, now);
            this.operator = operator;
            this.now = now;
        }

        boolean isNew(Person person) {
            return created.contains(person.id());
        }

        /** Ends the transaction with every problem found: it is rolled back, nothing of the entry written. */
        void refuseIfAnyProblem() {
            if (!problems.isEmpty()) {
                throw new Refused(problems);
            }
        }
    }

    private Saved write(Handle handle, HouseholdEntry entry, List<CheckedMember> members, String operator) {
        Transaction tx = new Transaction(handle, operator, clock.instant());

        Household household = saveHousehold(tx, entry, members.isEmpty());
        if (household == null) {
            throw new Refused(tx.problems);
        }
        tx.household = household;
        Map<Integer, Person> saved = new HashMap<>();
        Map<String, Person> stored = storedPersons(tx.persons, members);
        List<Person> newPersons = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (CheckedMember member : members) {
            PersonWrite written = savePerson(tx, member, stored, named);
            if (written != null) {
                saved.put(member.index(), written.person());
                if (written.created()) {
                    tx.created.add(written.person().id());
                    newPersons.add(written.person());
                }
            }
        }
        tx.refuseIfAnyProblem();
        // a family's new members in one batch: each statement costs more than the row it writes
        handle.attach(BulkDao.class).insertPersons(newPersons,
                newPersons.stream().map(person -> PinyinInitials.of(person.name())).toList());
        newPersons.forEach(tx.outbox::person);
        for (CheckedMember member : members) {
            Person person = saved.get(member.index());
            if (member.entry().categories() != null) {
                saveCategories(tx, person, member.entry().categories());
            }
        }
        // own payments and cancellations first: a newborn may be covered with a guardian enrolled in this entry
        // (each quote reads the declared years stored before it, so they are stored after the enrolments)
        tx.stored = Stored.read(tx, members.stream().filter(m -> m.entry().enrollment() != null
                && m.entry().enrollment().withGuardian() == null).map(m -> Map.entry(saved.get(m.index()),
                m.entry().enrollment().policyYear())).filter(e -> e.getKey() != null).toList());
        Map<Integer, SavedMember> results = new HashMap<>();
        List<Enrollment> newEnrollments = new ArrayList<>();
        for (CheckedMember member : members) {
            HouseholdEntry.EnrollmentRequest request = member.entry().enrollment();
            if (request != null && request.withGuardian() == null) {
                SavedMember result = enrollOwn(tx, member, saved.get(member.index()));
                results.put(member.index(), result);
                if (result != null && result.quote() != null) {
                    newEnrollments.add(result.enrollment());
                }
            }
        }
        // those that passed go in even when another member failed, so guardian coverage is still checked
        // and every problem of the entry is reported; a refusal rolls the whole transaction back
        tx.enrollments.insertAll(newEnrollments);
        newEnrollments.forEach(tx.outbox::enrollment);
        for (CheckedMember member : members) {
            HouseholdEntry.EnrollmentRequest request = member.entry().enrollment();
            if (request != null && request.withGuardian() != null) {
                results.put(member.index(), enrollWithGuardian(tx, member, saved.get(member.index())));
            }
        }
        tx.refuseIfAnyProblem();
        for (CheckedMember member : members) {
            declare(tx, saved.get(member.index()), member.entry().history());
        }
        List<SavedMember> savedMembers = new ArrayList<>();
        for (CheckedMember member : members) {
            SavedMember result = results.get(member.index());
            savedMembers.add(result != null ? result : new SavedMember(saved.get(member.index()), null, null));
        }
        try {
            tx.outbox.flush(handle.getConnection());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Saved(household, savedMembers);
    }

    private static Household saveHousehold(Transaction tx, HouseholdEntry entry, boolean noMembers) {
        HouseholdDao households = tx.households;
        Outbox outbox = tx.outbox;
        String operator = tx.operator;
        Instant now = tx.now;
        List<Problem> problems = tx.problems;
        Optional<Household> existing = households.findByNumber(entry.number().strip());
        if (existing.isEmpty()) {
            if (noMembers) {
                problems.add(Problem.of("members", "members.empty"));
                return null;
            }
            Household created = new Household(UUID.randomUUID().toString(), entry.number().strip(),
                    entry.village().strip(), blankToNull(entry.group()), blankToNull(entry.address()),
                    blankToNull(entry.phone()), Audit.created(now, operator));
            households.insert(created);
            outbox.household(created);
            return created;
        }
        Household old = existing.get();
        Household changed = new Household(old.id(), old.number(), entry.village().strip(),
                keep(entry.group(), old.groupName()), keep(entry.address(), old.address()),
                keep(entry.phone(), old.phone()), old.audit());
        if (changed.equals(old)) {
            return old;
        }
        Household updated = new Household(changed.id(), changed.number(), changed.village(), changed.groupName(),
                changed.address(), changed.phone(), old.audit().changed(now, operator));
        if (households.update(updated) != 1) {
            problems.add(Problem.of("household.number", "household.changedMeanwhile"));
            return null;
        }
        outbox.household(updated);
        return updated;
    }

    private record PersonWrite(Person person, boolean created) {
    }

    /** The stored persons the entry's members may be, keyed "id:…" and "cert:…", in one query. */
    private static Map<String, Person> storedPersons(PersonDao persons, List<CheckedMember> members) {
        List<String> idNumbers = members.stream().map(m -> m.facts().idNumber()).filter(java.util.Objects::nonNull)
                .toList();
        List<String> certificates = members.stream().map(m -> m.facts().birthCertificateNo())
                .filter(java.util.Objects::nonNull).toList();
        Map<String, Person> stored = new HashMap<>();
        if (idNumbers.isEmpty() && certificates.isEmpty()) {
            return stored;
        }
        for (Person person : persons.findByIdentities(idNumbers, certificates)) {
            if (person.idNumber() != null) {
                stored.put("id:" + person.idNumber(), person);
            }
            if (person.birthCertificateNo() != null) {
                stored.put("cert:" + person.birthCertificateNo(), person);
            }
        }
        return stored;
    }

    /**
     * @param named the stored persons the entry's earlier members turned out to be: one named again (once by
     *              ID number, once by 出生医学证明 number) is the same person entered twice, refused here
     */
    private static PersonWrite savePerson(Transaction tx, CheckedMember member, Map<String, Person> stored,
                                          Set<String> named) {
        HouseholdDao households = tx.households;
        Household household = tx.household;
        String operator = tx.operator;
        Instant now = tx.now;
        List<Problem> problems = tx.problems;
        PersonFacts facts = member.facts();
        HouseholdEntry.Member entry = member.entry();
        Optional<Person> existing = Optional.ofNullable(facts.idNumber() == null ? null
                : stored.get("id:" + facts.idNumber()));
        if (existing.isEmpty() && facts.birthCertificateNo() != null) {
            // a newborn registered by certificate who now has an ID number is the same person
            existing = Optional.ofNullable(stored.get("cert:" + facts.birthCertificateNo()));
        }
        if (existing.isPresent() && !named.add(existing.get().id())) {
            problems.add(Problem.at(member.field(facts.idNumber() != null ? "idNumber" : "birthCertificateNo"),
                    "member.repeated"));
            return null;
        }
        if (existing.isPresent() && !existing.get().householdId().equals(household.id())) {
            Household other = households.findById(existing.get().householdId()).orElseThrow();
            problems.add(Problem.at(member.field(facts.idNumber() != null ? "idNumber" : "birthCertificateNo"),
                    "person.otherHousehold", other.number(), other.village()));
            return null;
        }
        String name = entry.name().strip();
        if (existing.isEmpty()) {
            Person created = new Person(UUID.randomUUID().toString(), household.id(), name, facts.idNumber(),
                    facts.birthCertificateNo(), facts.birthDate(), facts.sex(), blankToNull(entry.ethnicity()),
                    blankToNull(entry.relation()), facts.employeeInsuranceEndedOn(), facts.graduationYear(),
                    Audit.created(now, operator));
            // inserted with the family's other new members, in one batch
            return new PersonWrite(created, true);
        }
        Person old = existing.get();
        Person changed = new Person(old.id(), household.id(), name,
                facts.idNumber() != null ? facts.idNumber() : old.idNumber(),
                facts.birthCertificateNo() != null ? facts.birthCertificateNo() : old.birthCertificateNo(),
                facts.birthDate(), facts.sex() != null ? facts.sex() : old.sex(),
                keep(entry.ethnicity(), old.ethnicity()), keep(entry.relation(), old.relation()),
                entry.employeeInsuranceEndedOn() != null ? entry.employeeInsuranceEndedOn() : old.employeeInsuranceEndedOn(),
                entry.graduationYear() != null ? entry.graduationYear() : old.graduationYear(), old.audit());
        if (changed.equals(old)) {
            return new PersonWrite(old, false);
        }
        Person updated = new Person(changed.id(), changed.householdId(), changed.name(), changed.idNumber(),
                changed.birthCertificateNo(), changed.birthDate(), changed.sex(), changed.ethnicity(),
                changed.relation(), changed.employeeInsuranceEndedOn(), changed.graduationYear(),
                old.audit().changed(now, operator));
        if (tx.persons.update(updated, PinyinInitials.of(updated.name())) != 1) {
            problems.add(Problem.at(member.field("name"), "household.changedMeanwhile"));
            return null;
        }
        tx.outbox.person(updated);
        return new PersonWrite(updated, false);
    }

    /** The entry's categories become the person's live categories; dropped ones are tombstoned. */
    private static void saveCategories(Transaction tx, Person person, List<HouseholdEntry.Category> categories) {
        Map<String, PersonCategory> current = new HashMap<>();
        if (!tx.isNew(person)) {
            for (PersonCategory category : tx.persons.listCategories(person.id())) {
                current.put(category.code(), category);
            }
        }
        Set<String> wanted = new HashSet<>();
        for (HouseholdEntry.Category category : categories) {
            if (!wanted.add(category.code())) {
                continue;
            }
            PersonCategory held = current.get(category.code());
            boolean same = held != null && java.util.Objects.equals(held.certifiedBy(), blankToNull(category.certifiedBy()))
                    && java.util.Objects.equals(held.certifiedOn(), category.certifiedOn());
            if (same) {
                continue;
            }
            if (held != null) {
                deleteCategory(tx, held);
            }
            PersonCategory added = new PersonCategory(UUID.randomUUID().toString(), person.id(), category.code(),
                    blankToNull(category.certifiedBy()), category.certifiedOn(), Audit.created(tx.now, tx.operator));
            tx.persons.insertCategory(added);
            tx.outbox.category(added, false);
        }
        for (PersonCategory held : current.values()) {
            if (!wanted.contains(held.code())) {
                deleteCategory(tx, held);
            }
        }
    }

    /** Tombstones a category (kept for sync and history) and queues the tombstone. */
    private static void deleteCategory(Transaction tx, PersonCategory held) {
        tx.persons.deleteCategory(held.id(), tx.now, tx.operator);
        tx.outbox.category(new PersonCategory(held.id(), held.personId(), held.code(), held.certifiedBy(),
                held.certifiedOn(), held.audit().changed(tx.now, tx.operator)), true);
    }

    /**
     * The person's coverage history for a policy year: this counter's paid enrolments of other years and
     * the declared years it holds, then what the caller brings (the hub's answer, newly declared years).
     */
    private static KnownHistory history(HistoryDao histories, String personId, int year, KnownHistory given) {
        return HistoryDao.known(histories.enrolledYears(personId), histories.declaredYears(personId), year, given);
    }

    /**
     * What one save reads of its stored members before enrolling them — live categories, covered and
     * declared years, the live enrolment of the year asked — in one statement each for the whole household,
     * not four per member (bench renewals). Read after the entry's categories are saved and before any
     * enrolment is written; nothing the enrolments do changes it for another member (a cancellation or a
     * replaced draft concerns that member's own live enrolment, read here before it).
     */
    private record Stored(Map<String, List<PersonCategory>> categories, Map<String, List<Integer>> enrolledYears,
                          Map<String, List<HistoryDao.Declared>> declaredYears, Map<String, Enrollment> live) {

        static final Stored NONE = new Stored(Map.of(), Map.of(), Map.of(), Map.of());

        /** For each stored person with the year their enrolment is asked for. */
        static Stored read(Transaction tx, List<Map.Entry<Person, Integer>> persons) {
            if (persons.isEmpty()) {
                return NONE;
            }
            Set<String> ids = new java.util.LinkedHashSet<>();
            // a person this entry created has no years and no enrolment yet: only their categories are read
            Set<String> stored = new java.util.LinkedHashSet<>();
            Map<Integer, Set<String>> byYear = new HashMap<>();
            for (Map.Entry<Person, Integer> person : persons) {
                ids.add(person.getKey().id());
                if (!tx.isNew(person.getKey())) {
                    stored.add(person.getKey().id());
                    byYear.computeIfAbsent(person.getValue(), year -> new java.util.LinkedHashSet<>())
                            .add(person.getKey().id());
                }
            }
            Map<String, List<PersonCategory>> categories = new HashMap<>();
            tx.persons.listCategoriesOf(ids).forEach(c -> categories.computeIfAbsent(c.personId(),
                    k -> new ArrayList<>()).add(c));
            Map<String, List<Integer>> enrolled = new HashMap<>();
            Map<String, List<HistoryDao.Declared>> declared = new HashMap<>();
            if (!stored.isEmpty()) {
                tx.histories.enrolledYearsOf(stored).forEach(y -> enrolled.computeIfAbsent(y.personId(),
                        k -> new ArrayList<>()).add(y.year()));
                tx.histories.declaredYearsOf(stored).forEach(y -> declared.computeIfAbsent(y.personId(),
                        k -> new ArrayList<>()).add(new HistoryDao.Declared(y.year(), y.evidence())));
            }
            Map<String, Enrollment> live = new HashMap<>();
            byYear.forEach((year, whose) -> tx.enrollments.findLiveOf(whose, year)
                    .forEach(e -> live.put(key(e.personId(), year), e)));
            return new Stored(categories, enrolled, declared, live);
        }

        private static String key(String personId, int year) {
            return personId + "/" + year;
        }

        List<PersonCategory> categoriesOf(Person person) {
            return categories.getOrDefault(person.id(), List.of());
        }

        Optional<Enrollment> liveOf(Person person, int year) {
            return Optional.ofNullable(live.get(key(person.id(), year)));
        }

        /** A year read twice (enrolled and marked) is taken once by the merge, as for the worklist. */
        KnownHistory history(Person person, int year, KnownHistory given) {
            return HistoryDao.known(enrolledYears.getOrDefault(person.id(), List.of()),
                    declaredYears.getOrDefault(person.id(), List.of()), year, given);
        }
    }

    /** Keeps the years the clerk declared for a person, with the evidence note; a year already held stays. */
    private static void declare(Transaction tx, Person person, KnownHistory given) {
        for (Integer year : given.from(KnownHistory.Source.DECLARED)) {
            String evidence = given.evidence().getOrDefault(year, "");
            tx.histories.declare(UUID.randomUUID().toString(), person.id(), year, evidence.isBlank() ? "—" : evidence,
                    tx.now, tx.operator);
        }
    }

    private SavedMember enrollOwn(Transaction tx, CheckedMember member, Person person) {
        List<Problem> problems = tx.problems;
        HouseholdEntry.EnrollmentRequest request = member.entry().enrollment();
        int year = request.policyYear();
        Optional<Enrollment> live = tx.isNew(person) ? Optional.empty() : tx.stored.liveOf(person, year);
        if (status(request) == EnrollmentStatus.CANCELLED) {
            if (live.isEmpty()) {
                problems.add(Problem.at(member.field("enrollment.status"), "enrollment.nothingToCancel", year));
                return null;
            }
            return new SavedMember(person, cancel(tx, live.get(), blankToNull(request.cancelReason())), null);
        }
        KnownHistory history = tx.isNew(person) ? HistoryDao.known(List.of(), List.of(), year, member.entry().history())
                : tx.stored.history(person, year, member.entry().history());
        int repair = request.repairYears() == null ? 0 : request.repairYears();
        PersonFacts facts = withStoredCategories(tx.stored.categoriesOf(person), member).withHistory(
                history.coveredYears(), repair);
        int broken = CoverageHistory.brokenYears(member.table(), facts.birthDate().getYear(), facts.coveredYears());
        if (repair < 0 || repair > broken) {
            problems.add(Problem.at(member.field("repairYears"), repair < 0 ? "repairYears.negative"
                    : facts.coveredYears() == null ? "repairYears.noHistory" : "repairYears.moreThanBroken",
                    repair, broken));
            return null;
        }
        MemberQuote quote = engine.quote(member.table(), facts, request.paymentDate());
        if (!quote.eligible()) {
            problems.add(Problem.at(member.field("enrollment.paymentDate"), "enrollment.ineligible", quote.reason()));
            return null;
        }
        if (!replaceableDraft(tx, live, member)) {
            return null;
        }
        EnrollmentStatus status = status(request);
        Enrollment enrollment = new Enrollment(UUID.randomUUID().toString(), person.id(), year, Enrollment.OWN,
                facts.tier(), request.paymentDate(), blankToNull(request.receiptNo()), status, null, quote.payable(),
                quote.benefitStart(), quote.benefitEnd(), member.table().version(),
                QuoteSnapshot.stored(quote, member.table().version(), subsidyBasis(tx.stored.categoriesOf(person), quote),
                        history),
                Audit.created(tx.now, tx.operator));
        // inserted with the family's other enrolments, in one batch
        return new SavedMember(person, enrollment, quote);
    }

    /** The category entry (ledger or counter) behind the subsidy granted, for the enrolment's snapshot. */
    private static Map<String, String> subsidyBasis(List<PersonCategory> stored, MemberQuote quote) {
        if (quote.subsidyCategory() == null || quote.subsidy().fen() == 0) {
            return null;
        }
        return stored.stream().filter(c -> c.code().equals(quote.subsidyCategory()))
                .findFirst().map(c -> {
                    Map<String, String> basis = new java.util.LinkedHashMap<>();
                    basis.put("categoryEntryId", c.id());
                    basis.put("code", c.code());
                    basis.put("certifiedBy", c.certifiedBy());
                    basis.put("certifiedOn", c.certifiedOn() == null ? null : c.certifiedOn().toString());
                    return basis;
                }).orElse(null);
    }

    private SavedMember enrollWithGuardian(Transaction tx, CheckedMember member, Person person) {
        PersonDao persons = tx.persons;
        EnrollmentDao enrollments = tx.enrollments;
        List<Problem> problems = tx.problems;
        HouseholdEntry.EnrollmentRequest request = member.entry().enrollment();
        int year = request.policyYear();
        String guardianKey = canbao.model.PersonKey.cleaned(request.withGuardian());
        Optional<Person> guardian = persons.findByIdNumber(guardianKey)
                .or(() -> persons.findByBirthCertificate(guardianKey));
        Location field = member.field("enrollment.withGuardian");
        if (guardian.isEmpty()) {
            problems.add(Problem.at(field, "enrollment.guardianNotFound"));
            return null;
        }
        Optional<Enrollment> guardianEnrollment = enrollments.findLive(guardian.get().id(), year)
                .filter(e -> e.status() == EnrollmentStatus.PAID && e.kind().equals(Enrollment.OWN));
        if (guardianEnrollment.isEmpty()) {
            problems.add(Problem.at(field, "enrollment.guardianNotEnrolled", year));
            return null;
        }
        MemberQuote quote = engine.quoteWithGuardian(member.table(), member.facts());
        if (!quote.eligible()) {
            problems.add(Problem.at(field, "enrollment.ineligible", quote.reason()));
            return null;
        }
        Optional<Enrollment> live = tx.isNew(person) ? Optional.empty()
                : enrollments.findLive(person.id(), year);
        if (!replaceableDraft(tx, live, member)) {
            return null;
        }
        Enrollment enrollment = new Enrollment(UUID.randomUUID().toString(), person.id(), year,
                Enrollment.WITH_GUARDIAN, null, null, null, EnrollmentStatus.PAID, guardian.get().id(), quote.payable(),
                quote.benefitStart(), quote.benefitEnd(), member.table().version(),
                QuoteSnapshot.stored(quote, member.table().version()), Audit.created(tx.now, tx.operator));
        enrollments.insert(enrollment);
        tx.outbox.enrollment(enrollment);
        return new SavedMember(person, enrollment, quote);
    }

    /**
     * The duplicate guard: a live paid enrolment for the year refuses a second one, naming it; a
     * live draft (quoted, not paid) is replaced by the new enrolment.
     */
    private static boolean replaceableDraft(Transaction tx, Optional<Enrollment> live, CheckedMember member) {
        HouseholdDao households = tx.households;
        List<Problem> problems = tx.problems;
        if (live.isEmpty()) {
            return true;
        }
        Enrollment existing = live.get();
        if (existing.status() == EnrollmentStatus.DRAFT) {
            cancel(tx, existing, null);
            return true;
        }
        Person holder = tx.persons.findById(existing.personId()).orElseThrow();
        Household household = households.findById(holder.householdId()).orElseThrow();
        LocalDate on = existing.paymentDate() != null ? existing.paymentDate()
                : existing.audit().createdAt().atZone(java.time.ZoneId.systemDefault()).toLocalDate();
        String field = member.entry().idNumber() != null ? "idNumber" : "birthCertificateNo";
        problems.add(Problem.at(member.field(field), "enrollment.duplicate", existing.policyYear(), household.number(),
                household.village(), on, households.operatorName(existing.audit().createdBy())));
        return false;
    }

    /** Cancels a live enrolment (revision + 1), with the reason given, and queues the change; returns it as stored. */
    private static Enrollment cancel(Transaction tx, Enrollment live, String reason) {
        Instant now = tx.now;
        String operator = tx.operator;
        tx.enrollments.cancel(live.id(), now, operator, reason);
        Enrollment cancelled = new Enrollment(live.id(), live.personId(), live.policyYear(), live.kind(), live.tier(),
                live.paymentDate(), live.receiptNo(), EnrollmentStatus.CANCELLED, live.guardianPersonId(),
                live.payable(), live.benefitStart(), live.benefitEnd(), live.tableVersion(), live.quoteSnapshot(),
                live.audit().changed(now, operator), reason);
        tx.outbox.enrollment(cancelled);
        return cancelled;
    }

    /** The categories a quote uses: those of the entry, or the person's stored ones when the entry gave none. */
    private static PersonFacts withStoredCategories(List<PersonCategory> stored, CheckedMember member) {
        PersonFacts facts = member.facts();
        if (member.entry().categories() != null) {
            return facts;
        }
        return facts.withCategories(stored.stream().map(PersonCategory::code).toList());
    }

    private static String keep(String given, String old) {
        return given == null ? old : blankToNull(given);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
