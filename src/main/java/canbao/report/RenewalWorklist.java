package canbao.report;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.NaturalOrder;
import canbao.model.Person;
import canbao.model.PersonCategory;
import canbao.model.PersonMark;
import canbao.model.Tier;
import canbao.policy.CategoryCurrency;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.QuoteEngine;
import canbao.store.RenewalStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * 续保 worklist for the policy year Y being collected — the one computation behind the 续保 screen,
 * {@code report renewals} and the payment reminders: every person of the roster (enrolled last year or
 * not) born by the end of Y who holds no paid enrolment for Y, by village and household, with last
 * year's tier and categories (each with whether it still stands), the quote for Y at today's date
 * through the quote engine (broken years and waiting months included), and per village the counts
 * to renew / renewed / newly enrolled / marked. Marked persons stay listed under their mark and leave
 * the to-do count. Within a village, households with a newborn whose day 90 is nearest come first,
 * then those with a low-income member, then the rest; each class by group (2组 before 10组) and 户号.
 */
public final class RenewalWorklist {

    /** A category held, as the renewal sees it for Y. */
    public record CategoryLine(String code, String name, String certifiedBy, LocalDate certifiedOn,
                               CategoryCurrency.Status status) {
    }

    /**
     * One person listed. {@code quoted} is null for a marked person; {@code newbornDaysLeft} is the days
     * to the newborn window's last day (0 = today), null outside it.
     */
    public record Member(String personId, String name, String maskedIdentity, String relation, LocalDate birthDate,
                         boolean draft, PersonMark mark, RenewalStore.LastYear lastYear, Tier tier,
                         boolean defaultTier, List<CategoryLine> categories, boolean lowIncome,
                         Integer newbornDaysLeft, Quoted quoted) {

        public boolean toRenew() {
            return mark == null;
        }

        /** The quote for Y at the worklist's date, null for a marked person. */
        public MemberQuote quote() {
            return quoted == null ? null : quoted.get();
        }
    }

    /**
     * A member's quote, made when it is first asked for and then kept: the screen opens on the counts and
     * the households in sight, and quotes each household as the list reaches it (its total, its members);
     * {@code report renewals} and the reminders ask for every one. Safe from any thread.
     */
    public static final class Quoted {
        private final java.util.function.Supplier<MemberQuote> making;
        private volatile MemberQuote made;

        Quoted(java.util.function.Supplier<MemberQuote> making) {
            this.making = making;
        }

        public MemberQuote get() {
            MemberQuote quote = made;
            if (quote == null) {
                quote = making.get();
                made = quote;
            }
            return quote;
        }

        /**
         * Equal when the quotes are, as when members held their quote itself: a worklist read again with
         * nothing changed in a household gives equal members (the screen keeps the clerk's choice of them).
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof Quoted quoted && java.util.Objects.equals(get(), quoted.get());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(get());
        }
    }

    public record Household(String id, String number, String village, String group, List<Member> members) {

        /** What the members still to renew pay together for Y at today's date (eligible ones only). */
        public Money total() {
            return canbao.policy.FamilyTotals.payable(members.stream().filter(Member::toRenew).map(Member::quote)
                    .toList());
        }

        public long toRenewCount() {
            return members.stream().filter(Member::toRenew).count();
        }
    }

    /** Persons still to renew, renewed (paid for Y after a paid Y−1), newly enrolled (paid for Y only), marked. */
    public record Counts(long toRenew, long renewed, long newlyEnrolled, long marked) {
        Counts plus(Counts other) {
            return new Counts(toRenew + other.toRenew, renewed + other.renewed, newlyEnrolled + other.newlyEnrolled,
                    marked + other.marked);
        }
    }

    public record Village(String village, Counts counts, List<Household> households) {
    }

    public record Worklist(int policyYear, LocalDate date, List<Village> villages, Counts township) {

        public List<Household> households() {
            return villages.stream().flatMap(v -> v.households().stream()).toList();
        }
    }

    private final RenewalStore store;
    private final PolicyLibrary policies;
    private final QuoteEngine engine;
    private final Clock clock;
    private final Locale locale;

    public RenewalWorklist(RenewalStore store, PolicyLibrary policies, QuoteEngine engine, Clock clock,
                           Locale locale) {
        this.store = store;
        this.policies = policies;
        this.engine = engine;
        this.clock = clock;
        this.locale = locale;
    }

    public PolicyLibrary policies() {
        return policies;
    }

    /** The year the counter collects today (the table whose enrolment period contains today, …). */
    public int yearBeingCollected() {
        return policies.yearBeingCollected(LocalDate.now(clock));
    }

    /**
     * The worklist of the township ({@code village} null) or of one village.
     *
     * @throws IllegalArgumentException when no policy table for the year is loaded (said in words)
     */
    public Worklist compute(int year, String village) {
        PolicyTable table = table(year);
        LocalDate today = LocalDate.now(clock);
        Map<String, List<RenewalStore.Row>> byVillage = new TreeMap<>(NaturalOrder.INSTANCE);
        for (RenewalStore.Row row : store.rows(year, village)) {
            byVillage.computeIfAbsent(row.household().village(), k -> new ArrayList<>()).add(row);
        }
        List<Village> villages = new ArrayList<>();
        Counts township = new Counts(0, 0, 0, 0);
        QuoteCache quotes = new QuoteCache();
        for (Map.Entry<String, List<RenewalStore.Row>> entry : byVillage.entrySet()) {
            Village line = village(entry.getKey(), entry.getValue(), table, today, quotes);
            villages.add(line);
            township = township.plus(line.counts());
        }
        return new Worklist(year, today, villages, township);
    }

    /** One household's persons as listed (all still to renew or marked); empty when every member is paid for Y. */
    public List<Member> household(int year, String householdId) {
        PolicyTable table = table(year);
        LocalDate today = LocalDate.now(clock);
        QuoteCache quotes = new QuoteCache();
        return store.household(year, householdId).stream().filter(row -> !row.paid())
                .map(row -> member(row, table, today, quotes)).toList();
    }

    private PolicyTable table(int year) {
        return policies.table(year).orElseThrow(() -> new IllegalArgumentException(
                Localization.format(locale, "policyYear.noTable", year, policies.yearsText())));
    }

    /**
     * The quotes of one computation. The quote engine reads of a person only the tier, categories,
     * employee-insurance end, graduation year, covered years, repair years and the birth date; for a person
     * born two years or more before Y and past the newborn window, the birth date counts by its year only
     * (broken years) — no newborn pathway, no start at birth. Those quotes are made once per distinct facts:
     * a township of 30,000 has a few dozen (bench renewals). Everyone else is quoted on their own.
     */
    private final class QuoteCache {
        // one per computation (one table, one day)
        private record Key(Tier tier, List<String> categories, LocalDate employeeInsuranceEndedOn,
                           Integer graduationYear, java.util.SortedSet<Integer> coveredYears, int repairYears,
                           int birthYear) {
        }

        // members are quoted lazily, from whichever thread first asks (the window's, a background task)
        private final Map<Key, MemberQuote> made = new java.util.concurrent.ConcurrentHashMap<>();

        MemberQuote quote(PolicyTable table, PersonFacts facts, LocalDate today) {
            LocalDate newbornDeadline = table.newborn() == null ? facts.birthDate()
                    : table.newborn().deadline(facts.birthDate());
            boolean byYear = facts.birthDate().getYear() <= table.year() - 2 && newbornDeadline.isBefore(today);
            if (!byYear) {
                return engine.quote(table, facts, today);
            }
            Key key = new Key(facts.tier(), List.copyOf(facts.categories()), facts.employeeInsuranceEndedOn(),
                    facts.graduationYear(), facts.coveredYears(), facts.repairYears(), facts.birthDate().getYear());
            return made.computeIfAbsent(key, k -> engine.quote(table, facts, today));
        }
    }

    private Village village(String name, List<RenewalStore.Row> rows, PolicyTable table, LocalDate today,
                            QuoteCache quotes) {
        long toRenew = 0;
        long renewed = 0;
        long newlyEnrolled = 0;
        long marked = 0;
        Map<String, List<Member>> members = new LinkedHashMap<>();
        Map<String, RenewalStore.Row> first = new LinkedHashMap<>();
        for (RenewalStore.Row row : rows) {
            if (row.paid()) {
                if (row.lastYear() != null) {
                    renewed++;
                } else {
                    newlyEnrolled++;
                }
                continue;
            }
            if (row.mark() != null) {
                marked++;
            } else {
                toRenew++;
            }
            String household = row.household().id();
            first.putIfAbsent(household, row);
            members.computeIfAbsent(household, k -> new ArrayList<>()).add(member(row, table, today, quotes));
        }
        List<Household> households = new ArrayList<>();
        for (Map.Entry<String, List<Member>> entry : members.entrySet()) {
            RenewalStore.Row row = first.get(entry.getKey());
            households.add(new Household(entry.getKey(), row.household().number(), row.household().village(),
                    row.household().groupName(), List.copyOf(entry.getValue())));
        }
        // each household's urgency worked out once, not at every comparison of the sort
        Map<Household, long[]> urgency = new java.util.IdentityHashMap<>();
        for (Household household : households) {
            urgency.put(household, new long[] {urgencyClass(household), fewestDaysLeft(household)});
        }
        households.sort(Comparator.<Household>comparingLong(h -> urgency.get(h)[0])
                .thenComparingLong(h -> urgency.get(h)[1])
                .thenComparing(Household::group, NaturalOrder.INSTANCE)
                .thenComparing(Household::number, NaturalOrder.INSTANCE));
        return new Village(name, new Counts(toRenew, renewed, newlyEnrolled, marked), List.copyOf(households));
    }

    /** Newborns nearest their day 90 first, then households with a low-income member, then the rest, then marked only. */
    private static int urgencyClass(Household household) {
        List<Member> open = household.members().stream().filter(Member::toRenew).toList();
        if (open.isEmpty()) {
            return 3;
        }
        if (open.stream().anyMatch(m -> m.newbornDaysLeft() != null)) {
            return 0;
        }
        return open.stream().anyMatch(Member::lowIncome) ? 1 : 2;
    }

    private static int fewestDaysLeft(Household household) {
        return household.members().stream().filter(Member::toRenew).map(Member::newbornDaysLeft)
                .filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
    }

    private Member member(RenewalStore.Row row, PolicyTable table, LocalDate today, QuoteCache quotes) {
        Person person = row.person();
        // most persons hold no category: nothing to look up for them
        List<CategoryLine> categories = row.categories().isEmpty() ? List.of() : new ArrayList<>();
        for (PersonCategory category : row.categories()) {
            String shown = table.category(category.code()).map(PolicyTable.Category::name)
                    .orElse(category.code());
            categories.add(new CategoryLine(category.code(), shown, category.certifiedBy(), category.certifiedOn(),
                    CategoryCurrency.of(table, category.code(), category.certifiedOn())));
        }
        List<String> standing = row.categories().isEmpty() ? List.of()
                : row.standingCategories(table).stream().map(PersonCategory::code).toList();
        Set<String> lowIncomeCodes = table.lowIncome() == null ? Set.of() : table.lowIncome().categories();
        boolean lowIncome = !standing.isEmpty() && standing.stream().anyMatch(lowIncomeCodes::contains);
        Integer daysLeft = null;
        if (table.newborn() != null && !person.birthDate().isAfter(today)) {
            long left = ChronoUnit.DAYS.between(today, table.newborn().deadline(person.birthDate()));
            daysLeft = left >= 0 ? (int) left : null;
        }
        Tier tier = row.renewalTier();
        Quoted quote = row.mark() != null ? null : new Quoted(() -> quotes.quote(table, new PersonFacts(person.name(),
                person.idNumber(), person.birthCertificateNo(), person.birthDate(), person.sex(), tier, standing,
                person.employeeInsuranceEndedOn(), person.graduationYear(), row.history().coveredYears(), 0), today));
        return new Member(person.id(), person.name(), person.maskedIdentity(), person.relation(), person.birthDate(),
                row.liveStatus() == canbao.model.EnrollmentStatus.DRAFT, row.mark(), row.lastYear(), tier, row.defaultTier(),
                List.copyOf(categories), lowIncome, daysLeft, quote);
    }

    /** The shape {@code report renewals --json} prints. */
    public static Map<String, Object> json(Worklist worklist) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policyYear", worklist.policyYear());
        json.put("date", worklist.date().toString());
        json.put("villages", worklist.villages().stream().map(RenewalWorklist::json).toList());
        json.put("township", counts(new LinkedHashMap<>(), worklist.township()));
        return json;
    }

    private static Map<String, Object> json(Village village) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("village", village.village());
        counts(json, village.counts());
        json.put("households", village.households().stream().map(RenewalWorklist::json).toList());
        return json;
    }

    private static Map<String, Object> counts(Map<String, Object> json, Counts counts) {
        json.put("toRenew", counts.toRenew());
        json.put("renewed", counts.renewed());
        json.put("newlyEnrolled", counts.newlyEnrolled());
        json.put("marked", counts.marked());
        return json;
    }

    private static Map<String, Object> json(Household household) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("household", household.number());
        json.put("group", household.group());
        json.put("total", household.total().yuan());
        json.put("members", household.members().stream().map(RenewalWorklist::json).toList());
        return json;
    }

    private static Map<String, Object> json(Member member) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", member.name());
        json.put("idNumber", member.maskedIdentity());
        json.put("relation", member.relation());
        json.put("state", member.mark() != null ? "marked" : member.draft() ? "draft" : "toRenew");
        if (member.mark() != null) {
            Map<String, Object> mark = new LinkedHashMap<>();
            mark.put("kind", member.mark().kind().code());
            mark.put("reason", member.mark().reason());
            mark.put("markedOn", member.mark().markedOn().toString());
            mark.put("policyYear", member.mark().policyYear());
            json.put("mark", mark);
        }
        if (member.lastYear() == null) {
            json.put("lastYear", null);
        } else {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("kind", member.lastYear().kind());
            last.put("tier", member.lastYear().tier() == null ? null : member.lastYear().tier().number());
            json.put("lastYear", last);
        }
        json.put("tier", member.tier().number());
        json.put("defaultTier", member.defaultTier());
        json.put("categories", member.categories().stream().map(c -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("code", c.code());
            line.put("certifiedOn", c.certifiedOn() == null ? null : c.certifiedOn().toString());
            line.put("status", c.status().name().toLowerCase(Locale.ROOT));
            return line;
        }).toList());
        json.put("lowIncome", member.lowIncome());
        json.put("newbornDaysLeft", member.newbornDaysLeft());
        if (member.quote() != null) {
            MemberQuote quote = member.quote();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("eligible", quote.eligible());
            q.put("payable", quote.payable().yuan());
            q.put("subsidy", quote.subsidy().yuan());
            q.put("surcharge", quote.surcharge().yuan());
            q.put("benefitStart", quote.benefitStart() == null ? null : quote.benefitStart().toString());
            q.put("brokenYears", quote.brokenYears());
            q.put("waitingMonths", quote.waitingMonths());
            q.put("reason", quote.reason());
            json.put("quote", q);
        }
        return json;
    }
}
