package canbao.service;

import canbao.model.Household;
import canbao.model.Person;
import canbao.model.PersonCategory;
import canbao.model.Problem;
import canbao.model.Validated;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.store.Database;
import canbao.store.HouseholdDao;
import canbao.store.PersonDao;
import canbao.store.RenewalStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * 按上年续保: renews members of a household for a policy year with last year's tier and the categories
 * that still stand ({@link RenewalStore.Row#renewalTier}, {@link RenewalStore.Row#standingCategories}),
 * paid today with one receipt. It builds the same entry a clerk would type and saves it through
 * {@link HouseholdService#save} — the very same checks, duplicate guard and single transaction as the
 * enrolment screen and {@code enroll}: a person already enrolled for the year is refused naming that
 * enrolment, and nothing of the household is saved.
 */
public final class RenewalService {

    private final Database database;
    private final HouseholdService households;
    private final RenewalStore store;
    private final PolicyLibrary policies;
    private final Clock clock;

    public RenewalService(Database database, HouseholdService households, PolicyLibrary policies, Clock clock) {
        this.database = database;
        this.households = households;
        this.store = new RenewalStore(database);
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * What a renewal did: the persons in the order of the saved entry (members[i] of a problem is
     * {@code persons.get(i)}), and what was saved or every problem (then nothing was saved).
     */
    public record Outcome(List<Person> persons, Validated<HouseholdService.Saved> saved) {
    }

    /**
     * @param householdNumber 户号
     * @param personIds the members to renew (person ids); null: every member still to renew (not paid
     *                  for the year, not marked)
     * @param receiptNo the receipt of the family's payment (required)
     */
    public Outcome renew(String householdNumber, int year, Collection<String> personIds, String receiptNo,
                         String operator) {
        List<Problem> problems = new ArrayList<>();
        if (receiptNo == null || receiptNo.isBlank()) {
            problems.add(Problem.of("renew.receiptNo", "field.missing"));
        }
        Optional<Household> found = householdNumber == null || householdNumber.isBlank() ? Optional.empty()
                : database.jdbi().withHandle(h -> h.attach(HouseholdDao.class).findByNumber(householdNumber.strip()));
        if (found.isEmpty()) {
            problems.add(Problem.of("renew.household", "renew.householdNotFound", String.valueOf(householdNumber)));
        }
        Optional<PolicyTable> table = policies.table(year);
        if (table.isEmpty()) {
            problems.add(Problem.of("renew.policyYear", "policyYear.noTable", year, policies.yearsText()));
        }
        if (!problems.isEmpty()) {
            return new Outcome(List.of(), Validated.invalid(problems));
        }
        Household household = found.get();
        List<RenewalStore.Row> chosen = store.household(year, household.id()).stream()
                .filter(row -> personIds == null ? row.toRenew() : personIds.contains(row.person().id()))
                .toList();
        if (chosen.isEmpty()) {
            return new Outcome(List.of(), Validated.invalid(List.of(
                    Problem.of("renew.household", "renew.nothingToRenew", household.number(), year))));
        }
        LocalDate today = LocalDate.now(clock);
        List<HouseholdEntry.Member> members = new ArrayList<>();
        for (RenewalStore.Row row : chosen) {
            members.add(member(row, table.get(), year, today, receiptNo.strip()));
        }
        HouseholdEntry entry = new HouseholdEntry(household.number(), household.village(), household.groupName(),
                household.address(), household.phone(), members);
        return new Outcome(chosen.stream().map(RenewalStore.Row::person).toList(), households.save(entry, operator));
    }

    /**
     * The ids of a household's persons given by ID or birth certificate number (a script names members
     * so); a number not of the household is left out, so the renewal says there is nothing to renew.
     */
    public List<String> personIds(String householdNumber, Collection<String> identities) {
        return database.jdbi().withHandle(handle -> {
            Optional<Household> household = handle.attach(HouseholdDao.class).findByNumber(householdNumber.strip());
            return household.map(h -> handle.attach(PersonDao.class).listByHousehold(h.id()).stream()
                    .filter(p -> (p.idNumber() != null && identities.contains(p.idNumber()))
                            || (p.birthCertificateNo() != null && identities.contains(p.birthCertificateNo())))
                    .map(Person::id).toList()).orElse(List.of());
        });
    }

    /** The member as the clerk would type it: what is stored, last year's tier, the categories that stand. */
    private static HouseholdEntry.Member member(RenewalStore.Row row, PolicyTable table, int year, LocalDate today,
                                                String receiptNo) {
        Person person = row.person();
        List<PersonCategory> standing = row.standingCategories(table);
        // all standing: the stored ones are kept as they are (nothing written); else the lapsed are dropped
        List<HouseholdEntry.Category> categories = standing.size() == row.categories().size() ? null
                : standing.stream().map(c -> new HouseholdEntry.Category(c.code(), c.certifiedBy(), c.certifiedOn()))
                .toList();
        return new HouseholdEntry.Member(person.name(), person.idNumber(),
                person.idNumber() == null ? person.birthDate() : null, person.birthCertificateNo(), person.relation(),
                person.ethnicity(), categories, person.employeeInsuranceEndedOn(), person.graduationYear(),
                new HouseholdEntry.EnrollmentRequest(year, row.renewalTier().number(), today, receiptNo, canbao.model.EnrollmentStatus.PAID, null));
    }
}
