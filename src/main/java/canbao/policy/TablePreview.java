package canbao.policy;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Tier;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a new table changes for the people at the counter: a fixed set of sample persons, quoted by
 * the real {@link QuoteEngine} under last year's table and the new one side by side. The samples come
 * from the tables themselves — every tier, every category of either table on each tier, a newborn, a
 * late payer, a person with a broken year (with and without repairing it) — never from amounts written
 * here. Each sample stands in the same place of its year under both tables (the enrolment period's
 * first day, Jul 15, born Mar 1 and paying May 20, the year before missing), so a difference is the
 * table's, not the calendar's.
 */
public final class TablePreview {

    private final QuoteEngine engine;
    private final Locale locale;

    public TablePreview(QuoteEngine engine, Locale locale) {
        this.engine = engine;
        this.locale = locale;
    }

    /**
     * One sample person under both tables.
     *
     * @param payableDifference new payable − old payable, exact to the fen
     * @param startShiftDays days the benefit start moved, the old one taken to the new year (0 when it
     *                       stands in the same place of the year); null when either is not eligible
     * @param waitingChanged whether the waiting months differ
     * @param eligibilityChanged whether one table accepts the payment and the other refuses it
     * @param note what else the county should know (a category one of the tables lacks); null if nothing
     */
    public record Row(String person, Tier tier, MemberQuote before, MemberQuote after, Money payableDifference,
                      Integer startShiftDays, boolean waitingChanged, boolean eligibilityChanged, String note) {

        /** Whether anything the family would see differs: the amount, the start, the waiting, the answer. */
        public boolean changed() {
            return !payableDifference.isZero() || (startShiftDays != null && startShiftDays != 0) || waitingChanged
                    || eligibilityChanged;
        }
    }

    private record Sample(String person, Tier tier, List<String> categories, Function<PolicyTable, LocalDate> birth,
                          Function<PolicyTable, LocalDate> payment, boolean brokenYear, boolean repair) {
    }

    public List<Row> compare(PolicyTable before, PolicyTable after) {
        List<Row> rows = new ArrayList<>();
        for (Sample sample : samples(before, after)) {
            rows.add(row(sample, before, after));
        }
        return rows;
    }

    private List<Sample> samples(PolicyTable before, PolicyTable after) {
        Function<PolicyTable, LocalDate> adult = table -> LocalDate.of(table.year() - 40, 3, 15);
        Function<PolicyTable, LocalDate> inPeriod = table -> table.enrolmentPeriod().start();
        List<Sample> samples = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            samples.add(new Sample(words("table.sample.adult"), tier, List.of(), adult, inPeriod, false, false));
        }
        // the new table's categories in its order, then any the old table had that the new one dropped
        Map<String, String> categories = new LinkedHashMap<>();
        after.categories().values().forEach(category -> categories.put(category.code(), category.name()));
        before.categories().values().forEach(category -> categories.putIfAbsent(category.code(), category.name()));
        for (Map.Entry<String, String> category : categories.entrySet()) {
            for (Tier tier : Tier.values()) {
                samples.add(new Sample(category.getValue(), tier, List.of(category.getKey()), adult, inPeriod, false,
                        false));
            }
        }
        samples.add(new Sample(words("table.sample.newborn"), Tier.ONE, List.of(),
                table -> LocalDate.of(table.year(), 3, 1), table -> LocalDate.of(table.year(), 5, 20), false, false));
        samples.add(new Sample(words("table.sample.late"), Tier.ONE, List.of(), adult,
                table -> LocalDate.of(table.year(), 7, 15), false, false));
        samples.add(new Sample(words("table.sample.brokenYear"), Tier.ONE, List.of(), adult, inPeriod, true, false));
        samples.add(new Sample(words("table.sample.brokenYearRepaired"), Tier.ONE, List.of(), adult, inPeriod, true,
                true));
        return samples;
    }

    private Row row(Sample sample, PolicyTable before, PolicyTable after) {
        MemberQuote old = quote(sample, before);
        MemberQuote now = quote(sample, after);
        Money difference = now.payable().minus(old.payable());
        Integer shift = null;
        if (old.eligible() && now.eligible()) {
            LocalDate oldInNewYear = old.benefitStart().plusYears(after.year() - before.year());
            shift = Math.toIntExact(ChronoUnit.DAYS.between(oldInNewYear, now.benefitStart()));
        }
        String note = null;
        for (String code : sample.categories()) {
            if (before.category(code).isEmpty()) {
                note = Localization.format(locale, "table.sample.categoryMissing", before.year());
            } else if (after.category(code).isEmpty()) {
                note = Localization.format(locale, "table.sample.categoryMissing", after.year());
            }
        }
        return new Row(sample.person(), sample.tier(), old, now, difference, shift,
                !Objects.equals(old.waitingMonths(), now.waitingMonths()), old.eligible() != now.eligible(), note);
    }

    private MemberQuote quote(Sample sample, PolicyTable table) {
        LocalDate birth = sample.birth().apply(table);
        SortedSet<Integer> covered = null;
        int repair = 0;
        if (sample.brokenYear()) {
            // covered the two years before last, not last year: one broken year where the table counts it
            covered = new TreeSet<>(List.of(table.year() - 3, table.year() - 2));
            repair = sample.repair() ? Math.min(1, CoverageHistory.brokenYears(table, birth.getYear(), covered)) : 0;
        }
        PersonFacts person = new PersonFacts(sample.person(), null, null, birth, null, sample.tier(),
                sample.categories(), null, null, covered, repair);
        return engine.quote(table, person, sample.payment().apply(table));
    }

    private String words(String key) {
        return Localization.text(locale, key);
    }
}
