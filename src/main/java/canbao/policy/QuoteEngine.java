package canbao.policy;

import canbao.model.AppliedRule;
import canbao.model.HouseholdQuote;
import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Tier;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Computes what a person pays for a policy year and from when they are covered, following
 * ../shared/POLICY.md. Plain Java over a {@link PolicyTable}: the screens, the command line and
 * the hub all call this, so a fee is computed in exactly one place.
 *
 * <p>Timing rules are modelled as pathways. Each rule that applies to the person on the payment
 * date (enrolment period, late payment with a waiting period, newborn, low-income, employee
 * insurance transfer, graduate) offers a benefit start, a last payment date, and whether it waives
 * the late surcharge. Among the pathways still open on the payment date the person gets the
 * earliest start and no surcharge if any of them waives it (POLICY.md, "When several rules apply").
 */
public final class QuoteEngine {

    private final Locale locale;

    public QuoteEngine(Locale locale) {
        this.locale = locale;
    }

    public HouseholdQuote quote(QuoteRequest request) {
        List<MemberQuote> members = new ArrayList<>();
        for (PersonFacts person : request.members()) {
            members.add(quote(request.table(), person, request.paymentDate()));
        }
        return HouseholdQuote.of(request.table().year(), request.table().version(), members);
    }

    private record Pathway(LocalDate start, boolean waivesSurcharge, LocalDate lastPaymentDate, String deadlineCite,
                           AppliedRule rule) {
    }

    public MemberQuote quote(PolicyTable table, PersonFacts person, LocalDate paymentDate) {
        List<AppliedRule> rules = new ArrayList<>();
        Tier tier = person.tier();
        Money standard = table.standard(tier);
        rules.add(rule(table.standardsCite(), "rule.standard", table.year(), tier, standard));

        PolicyTable.Category subsidyCategory = bestSubsidy(table, person, rules);
        Money subsidy = subsidyCategory == null ? Money.ZERO
                : subsidyCategory.subsidy(tier).orElseThrow().min(standard);

        LocalDate firstDay = table.firstDay();
        PolicyTable.EnrolmentPeriod period = table.enrolmentPeriod();
        if (paymentDate.isBefore(period.start())) {
            return ineligible(tier, standard, subsidy, subsidyCategory, rules, period.cite(),
                    "reason.notOpen", table.year(), period.start());
        }

        List<Pathway> pathways = pathways(table, person, paymentDate);
        List<Pathway> open = pathways.stream().filter(p -> !paymentDate.isAfter(p.lastPaymentDate())).toList();
        if (open.isEmpty()) {
            Pathway latest = pathways.stream().max(Comparator.comparing(Pathway::lastPaymentDate)).orElseThrow();
            return ineligible(tier, standard, subsidy, subsidyCategory, rules, latest.deadlineCite(),
                    "reason.closed", latest.lastPaymentDate(), table.year());
        }
        LocalDate earliest = open.stream().map(Pathway::start).min(Comparator.naturalOrder()).orElseThrow();
        PolicyTable.Surcharge late = table.surcharge();
        boolean surchargeDue = late != null && paymentDate.isAfter(late.after());
        Optional<Pathway> waiver = open.stream().filter(Pathway::waivesSurcharge).findFirst();
        Optional<Pathway> keptOpen = paymentDate.isAfter(table.ordinaryLastPaymentDate())
                ? open.stream().findFirst() : Optional.empty();
        // name only the rules that decided the answer, not a waiting period the person escaped
        for (Pathway pathway : open) {
            boolean decisive = pathway.start().equals(earliest)
                    || (surchargeDue && waiver.orElse(null) == pathway)
                    || keptOpen.orElse(null) == pathway;
            if (decisive) {
                rules.add(pathway.rule());
            }
        }

        LocalDate start = later(earliest, firstDay);
        if (person.birthDate().isAfter(start)) {
            start = person.birthDate();
            rules.add(rule(table.newborn().cite(), "rule.notBeforeBirth", start));
        }
        if (start.isAfter(table.lastDay())) {
            return ineligible(tier, standard, subsidy, subsidyCategory, rules, table.waitingPeriod().cite(),
                    "reason.startsAfterYearEnd", start, table.year());
        }

        Money surcharge = Money.ZERO;
        if (surchargeDue) {
            if (waiver.isPresent()) {
                rules.add(rule(waiver.get().rule().cite(), "rule.surchargeWaived", late.after(), late.amount()));
            } else {
                surcharge = late.amount();
                rules.add(rule(late.cite(), "rule.surcharge", late.after(), late.amount()));
            }
        }

        Money payable = standard.minus(subsidy).plus(surcharge);
        LocalDate end = table.lastDay();
        // days of the policy year after paying and before cover starts (0 when covered at once)
        int waitingDays = (int) Math.max(0,
                ChronoUnit.DAYS.between(later(paymentDate.plusDays(1), firstDay), start));
        String explanation = explain(tier, standard, subsidyCategory, subsidy, surcharge, payable, start, end,
                waitingDays);
        return new MemberQuote(true, tier, standard, subsidy, code(subsidyCategory), surcharge, payable, start, end,
                waitingDays, rules, null, explanation);
    }

    /**
     * A newborn covered with its guardian (随监护人享受): no fee, covered from birth to Dec 31 of its
     * birth year. The caller checks that the guardian holds a live enrollment for that year.
     */
    public MemberQuote quoteWithGuardian(PolicyTable table, PersonFacts newborn) {
        List<AppliedRule> rules = new ArrayList<>();
        PolicyTable.GuardianCoverage coverage = table.guardianCoverage();
        if (coverage == null) {
            return ineligible(null, Money.ZERO, Money.ZERO, null, rules, table.newborn().cite(),
                    "reason.noGuardianCoverage", table.year());
        }
        if (newborn.birthDate().getYear() != table.year()) {
            return ineligible(null, Money.ZERO, Money.ZERO, null, rules, coverage.cite(),
                    "reason.guardianCoverageBirthYear", table.year());
        }
        LocalDate start = newborn.birthDate();
        rules.add(rule(coverage.cite(), "rule.withGuardian", start, table.lastDay()));
        String explanation = text("explain.payable", Money.ZERO) + text("explain.separator")
                + text("explain.period", start, table.lastDay()) + text("explain.end");
        return new MemberQuote(true, null, Money.ZERO, Money.ZERO, null, Money.ZERO, Money.ZERO, start,
                table.lastDay(), 0, rules, null, explanation);
    }

    /**
     * The single largest subsidy among the person's categories for the chosen tier (就高不就低),
     * adding to {@code rules} why each category did or did not count. Ties go to the category listed
     * first in the table, so the answer does not depend on the order the clerk ticked them in.
     */
    private PolicyTable.Category bestSubsidy(PolicyTable table, PersonFacts person, List<AppliedRule> rules) {
        PolicyTable.Category best = null;
        int withSubsidy = 0;
        for (PolicyTable.Category category : table.categories().values()) {
            if (!person.categories().contains(category.code())) {
                continue;
            }
            Optional<Money> amount = category.subsidy(person.tier());
            if (amount.isEmpty()) {
                rules.add(rule(table.highestSubsidyWinsCite(), "rule.categoryNoSubsidy", category.name(),
                        table.year(), person.tier()));
                continue;
            }
            withSubsidy++;
            if (best == null || amount.get().compareTo(best.subsidy(person.tier()).orElseThrow()) > 0) {
                best = category;
            }
        }
        if (best == null) {
            return null;
        }
        Money amount = best.subsidy(person.tier()).orElseThrow();
        rules.add(rule(best.cite(), "rule.subsidy", best.name(), person.tier(), amount));
        if (withSubsidy > 1) {
            rules.add(rule(table.highestSubsidyWinsCite(), "rule.highestWins", best.name(), amount));
        }
        Money standard = table.standard(person.tier());
        if (amount.compareTo(standard) > 0) {
            rules.add(rule(best.cite(), "rule.subsidyCapped", amount, standard));
        }
        return best;
    }

    private List<Pathway> pathways(PolicyTable table, PersonFacts person, LocalDate paid) {
        List<Pathway> pathways = new ArrayList<>();
        int year = table.year();
        LocalDate lastDay = table.lastDay();
        PolicyTable.EnrolmentPeriod period = table.enrolmentPeriod();
        PolicyTable.MonthlyStart monthly = table.monthlyStart();
        PolicyTable.WaitingPeriod waiting = table.waitingPeriod();
        String ordinaryDeadlineCite = table.ordinaryDeadline() == null ? waiting.cite()
                : table.ordinaryDeadline().cite();

        if (period.contains(paid)) {
            pathways.add(new Pathway(table.firstDay(), false, period.end(), period.cite(),
                    rule(period.cite(), "rule.enrolmentPeriod", period.start(), period.end(), table.firstDay())));
        } else if (monthly != null && !paid.isAfter(monthly.until())) {
            LocalDate start = paid.withDayOfMonth(1).plusMonths(1);
            pathways.add(new Pathway(start, false, monthly.until(), monthly.cite(),
                    rule(monthly.cite(), "rule.monthlyStart", period.end(), monthly.until(), start)));
        } else {
            // Civil Code art. 201: the waiting period runs from the day after payment
            LocalDate start = paid.plusDays(waiting.days() + 1L);
            pathways.add(new Pathway(start, false, table.ordinaryLastPaymentDate(), ordinaryDeadlineCite,
                    rule(waiting.cite(), "rule.waitingPeriod", period.end(), waiting.days(), start)));
        }

        PolicyTable.NewbornRule newborn = table.newborn();
        LocalDate birth = person.birthDate();
        LocalDate newbornDeadline = birth.plusDays(newborn.withinDays());
        if (!paid.isAfter(newbornDeadline)) {
            if (birth.getYear() == year) {
                pathways.add(new Pathway(birth, true, newbornDeadline, newborn.cite(),
                        rule(newborn.cite(), "rule.newborn", newborn.withinDays(), birth)));
            } else if (birth.getYear() == year - 1
                    && !birth.isBefore(table.firstDay().minusDays(newborn.withinDays()))) {
                // POLICY.md Decision: born in the last days of the previous year, paying this year within
                // the newborn window — a newborn for this year too, covered from Jan 1 with no gap.
                pathways.add(new Pathway(table.firstDay(), true, newbornDeadline, newborn.cite(),
                        rule(newborn.cite(), "rule.newbornNextYear", newborn.withinDays(), table.firstDay())));
            }
        }

        PolicyTable.LowIncomeRule lowIncome = table.lowIncome();
        if (lowIncome != null) {
            table.categories().values().stream()
                    .filter(c -> lowIncome.categories().contains(c.code()) && person.categories().contains(c.code()))
                    .findFirst()
                    .ifPresent(held -> pathways.add(new Pathway(paid, true, lastDay, lowIncome.cite(),
                            rule(lowIncome.cite(), "rule.lowIncome", held.name(), paid, lastDay))));
        }

        PolicyTable.EmployeeTransferRule transfer = table.employeeTransfer();
        LocalDate leftEmployeeInsurance = person.employeeInsuranceEndedOn();
        if (transfer != null && leftEmployeeInsurance != null && !leftEmployeeInsurance.isAfter(paid)
                && !paid.isAfter(leftEmployeeInsurance.plusMonths(transfer.withinMonths()))) {
            pathways.add(new Pathway(paid, false, table.ordinaryLastPaymentDate(), ordinaryDeadlineCite,
                    rule(transfer.cite(), "rule.employeeTransfer", leftEmployeeInsurance, transfer.withinMonths(),
                            paid)));
        }

        PolicyTable.GraduateRule graduate = table.graduate();
        if (graduate != null && person.graduationYear() != null && person.graduationYear() == year) {
            LocalDate windowStart = graduate.windowStart().atYear(year);
            LocalDate windowEnd = graduate.windowEnd().atYear(year);
            // from the window's start on, the graduate rule applies; after its end it is closed (and says so)
            if (!paid.isBefore(windowStart)) {
                LocalDate start = graduate.benefitStart().atYear(year);
                pathways.add(new Pathway(start, true, windowEnd, graduate.cite(),
                        rule(graduate.cite(), "rule.graduate", windowStart, windowEnd, start)));
            }
        }
        return pathways;
    }

    private MemberQuote ineligible(Tier tier, Money standard, Money subsidy, PolicyTable.Category subsidyCategory,
                                   List<AppliedRule> rules, String cite, String reasonKey, Object... arguments) {
        String reason = text(reasonKey, arguments);
        rules.add(new AppliedRule(cite, reason));
        return new MemberQuote(false, tier, standard, subsidy, code(subsidyCategory), Money.ZERO, Money.ZERO,
                null, null, null, rules, reason, reason);
    }

    private String explain(Tier tier, Money standard, PolicyTable.Category category, Money subsidy, Money surcharge,
                           Money payable, LocalDate start, LocalDate end, int waitingDays) {
        List<String> parts = new ArrayList<>();
        parts.add(text("explain.payable", payable));
        parts.add(text("explain.standard", tier, standard));
        if (category != null) {
            parts.add(text("explain.subsidy", category.name(), subsidy));
        }
        if (!surcharge.isZero()) {
            parts.add(text("explain.surcharge", surcharge));
        }
        if (waitingDays > 0) {
            parts.add(text("explain.waiting", waitingDays));
        }
        parts.add(text("explain.period", start, end));
        return String.join(text("explain.separator"), parts) + text("explain.end");
    }

    private AppliedRule rule(String cite, String key, Object... arguments) {
        return new AppliedRule(cite, text(key, arguments));
    }

    private String text(String key, Object... arguments) {
        return Localization.format(locale, key, arguments);
    }

    private static String code(PolicyTable.Category category) {
        return category == null ? null : category.code();
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
