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
 * the hub all call this, so a fee is computed in exactly one place. No policy year, amount or date
 * is written here: every one comes from the table.
 *
 * <p>Timing rules are modelled as pathways. Each rule that applies to the person on the payment
 * date (the payment window with its benefit-start rule or the month-based waiting rule, newborn,
 * low-income, employee insurance transfer, graduate) offers a benefit start, a last payment date,
 * and whether it waives the late surcharge. Among the pathways still open on the payment date the
 * person gets the earliest start and no surcharge if any of them waives it (POLICY.md, "When several
 * rules apply").
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
        return new HouseholdQuote(request.table().year(), request.table().version(), members,
                FamilyTotals.payable(members));
    }

    /**
     * @param waitingMonths set on the ordinary pathway when the month-based waiting rule gave its start
     */
    private record Pathway(LocalDate start, boolean waivesSurcharge, LocalDate lastPaymentDate, String deadlineCite,
                           FigureStatus deadlineStatus, AppliedRule rule, Integer waitingMonths) {
    }

    /** What the answer is being built from: the rules cited and whether a provisional figure decided it. */
    private final class Answer {
        final List<AppliedRule> rules = new ArrayList<>();
        boolean provisional;

        AppliedRule rule(FigureStatus status, String cite, String key, Object... arguments) {
            return new AppliedRule(cite, text(key, arguments), status != null && status.isProvisional());
        }

        void add(AppliedRule rule) {
            rules.add(rule);
            provisional |= rule.provisional();
        }

        void add(FigureStatus status, String cite, String key, Object... arguments) {
            add(rule(status, cite, key, arguments));
        }
    }

    public MemberQuote quote(PolicyTable table, PersonFacts person, LocalDate paymentDate) {
        Answer answer = new Answer();
        Tier tier = person.tier();
        Money standard = table.standard(tier);
        answer.add(table.standards().status(), table.standards().cite(), "rule.standard", table.year(), tier, standard);

        PolicyTable.Category subsidyCategory = bestSubsidy(table, person, answer);
        Money subsidy = subsidyCategory == null ? Money.ZERO
                : subsidyCategory.subsidy(tier).orElseThrow().min(standard);

        History history = history(table, person, answer);
        LocalDate firstDay = table.firstDay();
        PolicyTable.PaymentWindow period = table.enrolmentPeriod();
        if (paymentDate.isBefore(period.start())) {
            return ineligible(answer, tier, standard, subsidy, subsidyCategory, history, null,
                    period.status(), period.cite(), "reason.notOpen", table.year(), period.start());
        }

        List<Pathway> pathways = pathways(table, person, paymentDate, history, answer);
        List<Pathway> open = pathways.stream().filter(p -> !paymentDate.isAfter(p.lastPaymentDate())).toList();
        if (open.isEmpty()) {
            Pathway latest = pathways.stream().max(Comparator.comparing(Pathway::lastPaymentDate)).orElseThrow();
            return ineligible(answer, tier, standard, subsidy, subsidyCategory, history, null,
                    latest.deadlineStatus(), latest.deadlineCite(), "reason.closed", latest.lastPaymentDate(),
                    table.year());
        }
        // starts before Jan 1 all mean Jan 1: every pathway that gives the year's first start decided it
        LocalDate earliest = later(open.stream().map(Pathway::start).min(Comparator.naturalOrder()).orElseThrow(),
                firstDay);
        PolicyTable.Surcharge late = table.surcharge();
        boolean surchargeDue = late != null && !paymentDate.isBefore(late.from());
        Optional<Pathway> waiver = open.stream().filter(Pathway::waivesSurcharge).findFirst();
        Optional<Pathway> keptOpen = paymentDate.isAfter(table.ordinaryLastPaymentDate())
                ? open.stream().findFirst() : Optional.empty();
        // name only the rules that decided the answer, not a waiting period the person escaped
        Integer waitingMonths = null;
        for (Pathway pathway : open) {
            boolean givesStart = later(pathway.start(), firstDay).equals(earliest);
            boolean decisive = givesStart
                    || (surchargeDue && waiver.orElse(null) == pathway)
                    || keptOpen.orElse(null) == pathway;
            if (decisive) {
                answer.add(pathway.rule());
            }
            if (givesStart && pathway.waitingMonths() != null) {
                waitingMonths = pathway.waitingMonths();
            }
        }

        LocalDate start = later(earliest, firstDay);
        if (person.birthDate().isAfter(start)) {
            start = person.birthDate();
            answer.add(table.newborn().status(), table.newborn().cite(), "rule.notBeforeBirth", start);
        }
        if (start.isAfter(table.lastDay())) {
            String cite = open.stream().filter(p -> later(p.start(), firstDay).equals(earliest)).findFirst()
                    .orElseThrow().rule().cite();
            return ineligible(answer, tier, standard, subsidy, subsidyCategory, history, waitingMonths, null, cite,
                    "reason.startsAfterYearEnd", start, table.year());
        }

        Money surcharge = Money.ZERO;
        if (surchargeDue) {
            if (waiver.isPresent()) {
                answer.add(answer.rule(null, waiver.get().rule().cite(), "rule.surchargeWaived", late.from(),
                        late.amount()));
            } else {
                surcharge = late.amount();
                answer.add(late.status(), late.cite(), "rule.surcharge", late.from(), late.amount());
            }
        }

        Money payable = standard.minus(subsidy).plus(surcharge).plus(history.repairCost());
        LocalDate end = table.lastDay();
        // days of the policy year after paying and before cover starts (0 when covered at once)
        int waitingDays = (int) Math.max(0,
                ChronoUnit.DAYS.between(later(paymentDate.plusDays(1), firstDay), start));
        String explanation = explain(table, person, tier, standard, subsidyCategory, subsidy, surcharge, payable,
                start, end, waitingDays, waitingMonths, history, answer.provisional);
        return new MemberQuote(true, tier, standard, subsidy, code(subsidyCategory), surcharge, payable, start, end,
                waitingDays, history.broken(), waitingMonths, history.repairYears(), history.repairCost(),
                history.continuous(), answer.provisional, answer.rules, null, explanation);
    }

    /** Broken and continuous years, and the repair the person pays for, from the person's history. */
    /** @param brokenText the broken years as a clerk says them ("2025年"), null when none */
    private record History(boolean given, int broken, int repairYears, Money repairCost, Integer continuous,
                           String brokenText) {
    }

    private History history(PolicyTable table, PersonFacts person, Answer answer) {
        PolicyTable.WaitingRule rule = table.waitingRule();
        if (person.coveredYears() == null) {
            return new History(false, 0, 0, Money.ZERO, null, null);
        }
        int broken = CoverageHistory.brokenYears(table, person.birthDate().getYear(), person.coveredYears());
        Integer continuous = CoverageHistory.continuousYears(table.year(), person.coveredYears());
        int repairYears = Math.min(person.repairYears(), broken);
        Money cost = Money.ZERO;
        if (rule != null) {
            if (CoverageHistory.cutByFirstCountedYear(table, person.birthDate().getYear(), person.coveredYears())) {
                answer.add(rule.firstCountedYearStatus(), rule.cite(), "rule.firstCountedYear", rule.firstCountedYear());
            }
            if (repairYears > 0) {
                cost = rule.repairCost(table, person.tier(), repairYears);
                answer.add(rule.status(), rule.cite(), "rule.repair", repairYears, cost,
                        rule.repairCost(table, person.tier(), 1), rule.monthsPerBrokenYear());
            }
            if (continuous >= rule.continuityNoteFromYears()) {
                answer.add(rule.status(), rule.cite(), "rule.continuity", continuous);
            }
        }
        return new History(true, broken, repairYears, cost, continuous,
                broken > 0 ? brokenRange(table, broken) : null);
    }

    /** "2025年" for one broken year, "2023年至2025年" for several: the years right before the quoted one. */
    private String brokenRange(PolicyTable table, int broken) {
        int last = table.year() - 1;
        return broken == 1 ? text("history.year", last) : text("history.years", last - broken + 1, last);
    }

    /**
     * A newborn covered with its guardian (随监护人享受): no fee, covered from birth to Dec 31 of its
     * birth year. The caller checks that the guardian holds a live enrollment for that year.
     */
    public MemberQuote quoteWithGuardian(PolicyTable table, PersonFacts newborn) {
        Answer answer = new Answer();
        PolicyTable.GuardianCoverage coverage = table.guardianCoverage();
        History none = new History(false, 0, 0, Money.ZERO, null, null);
        if (coverage == null) {
            return ineligible(answer, null, Money.ZERO, Money.ZERO, null, none, null, table.newborn().status(),
                    table.newborn().cite(), "reason.noGuardianCoverage", table.year());
        }
        if (newborn.birthDate().getYear() != table.year()) {
            return ineligible(answer, null, Money.ZERO, Money.ZERO, null, none, null, coverage.status(),
                    coverage.cite(), "reason.guardianCoverageBirthYear", table.year());
        }
        LocalDate start = newborn.birthDate();
        answer.add(coverage.status(), coverage.cite(), "rule.withGuardian", start, table.lastDay());
        String explanation = text("explain.payable", Money.ZERO) + text("explain.separator")
                + text("explain.period", start, table.lastDay()) + provisionalNote(answer.provisional)
                + text("explain.end");
        return new MemberQuote(true, null, Money.ZERO, Money.ZERO, null, Money.ZERO, Money.ZERO, start,
                table.lastDay(), 0, 0, null, 0, Money.ZERO, null, answer.provisional, answer.rules, null,
                explanation);
    }

    /**
     * The single largest subsidy among the person's categories for the chosen tier (就高不就低),
     * adding to the answer why each category did or did not count. Ties go to the category listed
     * first in the table, so the answer does not depend on the order the clerk ticked them in. The
     * winner's figure decides the answer; when none earns a subsidy, the held categories' "none" does.
     */
    private PolicyTable.Category bestSubsidy(PolicyTable table, PersonFacts person, Answer answer) {
        PolicyTable.Category best = null;
        int withSubsidy = 0;
        List<AppliedRule> noSubsidy = new ArrayList<>();
        for (PolicyTable.Category category : table.categories().values()) {
            if (!person.categories().contains(category.code())) {
                continue;
            }
            Optional<Money> amount = category.subsidy(person.tier());
            if (amount.isEmpty()) {
                noSubsidy.add(answer.rule(category.status(), table.highestSubsidyWinsCite(), "rule.categoryNoSubsidy",
                        category.name(), table.year(), person.tier()));
                continue;
            }
            withSubsidy++;
            if (best == null || amount.get().compareTo(best.subsidy(person.tier()).orElseThrow()) > 0) {
                best = category;
            }
        }
        if (best == null) {
            noSubsidy.forEach(answer::add);
            return null;
        }
        // shown, but decided nothing: a better category won
        noSubsidy.forEach(rule -> answer.rules.add(new AppliedRule(rule.cite(), rule.text())));
        Money amount = best.subsidy(person.tier()).orElseThrow();
        answer.add(best.status(), best.cite(), "rule.subsidy", best.name(), person.tier(), amount);
        if (withSubsidy > 1) {
            answer.add(null, table.highestSubsidyWinsCite(), "rule.highestWins", best.name(), amount);
        }
        Money standard = table.standard(person.tier());
        if (amount.compareTo(standard) > 0) {
            answer.add(null, best.cite(), "rule.subsidyCapped", amount, standard);
        }
        return best;
    }

    private List<Pathway> pathways(PolicyTable table, PersonFacts person, LocalDate paid, History history,
                                   Answer answer) {
        List<Pathway> pathways = new ArrayList<>();
        pathways.add(ordinary(table, paid, history, answer));
        int year = table.year();
        LocalDate lastDay = table.lastDay();

        PolicyTable.NewbornRule newborn = table.newborn();
        LocalDate birth = person.birthDate();
        LocalDate newbornDeadline = newborn.deadline(birth);
        if (!paid.isAfter(newbornDeadline)) {
            if (birth.getYear() == year) {
                pathways.add(new Pathway(birth, true, newbornDeadline, newborn.cite(), newborn.status(),
                        answer.rule(newborn.status(), newborn.cite(), "rule.newborn", newborn.withinDays(), birth),
                        null));
            } else if (birth.getYear() == year - 1
                    && !birth.isBefore(table.firstDay().minusDays(newborn.withinDays()))) {
                // POLICY.md Decision: born in the last days of the previous year, paying this year within
                // the newborn window — a newborn for this year too, covered from Jan 1 with no gap.
                pathways.add(new Pathway(table.firstDay(), true, newbornDeadline, newborn.previousYearCite(),
                        newborn.previousYearStatus(), answer.rule(newborn.previousYearStatus(),
                                newborn.previousYearCite(), "rule.newbornNextYear", newborn.withinDays(),
                                table.firstDay()), null));
            }
        }

        PolicyTable.LowIncomeRule lowIncome = table.lowIncome();
        if (lowIncome != null) {
            table.categories().values().stream()
                    .filter(c -> lowIncome.categories().contains(c.code()) && person.categories().contains(c.code()))
                    .findFirst()
                    .ifPresent(held -> pathways.add(new Pathway(paid, true, lastDay, lowIncome.cite(),
                            lowIncome.status(), answer.rule(lowIncome.status(), lowIncome.cite(), "rule.lowIncome",
                                    held.name(), later(paid, table.firstDay()), lastDay), null)));
        }

        PolicyTable.EmployeeTransferRule transfer = table.employeeTransfer();
        LocalDate leftEmployeeInsurance = person.employeeInsuranceEndedOn();
        if (transfer != null && leftEmployeeInsurance != null && !leftEmployeeInsurance.isAfter(paid)
                && !paid.isAfter(leftEmployeeInsurance.plusMonths(transfer.withinMonths()))) {
            Pathway ordinary = pathways.get(0);
            pathways.add(new Pathway(paid, false, ordinary.lastPaymentDate(), ordinary.deadlineCite(),
                    ordinary.deadlineStatus(), answer.rule(transfer.status(), transfer.cite(), "rule.employeeTransfer",
                            leftEmployeeInsurance, transfer.withinMonths(), later(paid, table.firstDay())), null));
        }

        PolicyTable.GraduateRule graduate = table.graduate();
        if (graduate != null && person.graduationYear() != null && person.graduationYear() == year) {
            LocalDate windowStart = graduate.windowStart().atYear(year);
            LocalDate windowEnd = graduate.windowEnd().atYear(year);
            // from the window's start on, the graduate rule applies; after its end it is closed (and says so)
            if (!paid.isBefore(windowStart)) {
                LocalDate start = graduate.benefitStart().atYear(year);
                pathways.add(new Pathway(start, true, windowEnd, graduate.cite(), graduate.status(),
                        answer.rule(graduate.status(), graduate.cite(), "rule.graduate", windowStart, windowEnd, start),
                        null));
            }
        }
        return pathways;
    }

    /**
     * The pathway of a person no exemption applies to: the payment window's benefit-start rule, or the
     * month-based waiting rule when the window uses it or the person has broken years (POLICY.md, "Who
     * waits"). Open until the ordinary deadline, or the last window's end, or Dec 31.
     */
    private Pathway ordinary(PolicyTable table, LocalDate paid, History history, Answer answer) {
        LocalDate lastPayment = table.ordinaryLastPaymentDate();
        PolicyTable.PaymentWindow lastWindow = table.windows().get(table.windows().size() - 1);
        String deadlineCite = table.ordinaryDeadline() != null ? table.ordinaryDeadline().cite() : lastWindow.cite();
        FigureStatus deadlineStatus = table.ordinaryDeadline() != null ? table.ordinaryDeadline().status()
                : lastWindow.status();
        Optional<PolicyTable.PaymentWindow> found = table.window(paid);
        if (found.isEmpty()) {
            // after the last window: closed, and the pathway says until when it was open
            return new Pathway(lastPayment, false, lastPayment, deadlineCite, deadlineStatus,
                    answer.rule(deadlineStatus, deadlineCite, "reason.closed", lastPayment, table.year()), null);
        }
        PolicyTable.PaymentWindow window = found.get();
        PolicyTable.WaitingRule waiting = table.waitingRule();
        PolicyTable.PaymentWindow period = table.enrolmentPeriod();
        if (waiting != null && (history.broken() > 0 || window.benefitStart() == PolicyTable.BenefitStart.WAITING_RULE)) {
            int months = waiting.months(history.broken(), history.repairYears());
            // months clamp to the month's end (plusMonths), then the wait ends the day after
            LocalDate start = paid.plusMonths(months).plusDays(1);
            // with broken years the window does not matter; otherwise the window sent the person to the rule
            FigureStatus status = history.broken() > 0 ? waiting.status() : worse(waiting.status(), window.status());
            AppliedRule rule = history.broken() > 0
                    ? answer.rule(status, waiting.cite(), "rule.waitingMonthsBroken", months,
                            later(start, table.firstDay()), history.brokenText(), history.broken(),
                            waiting.fixedMonths(), waiting.monthsPerBrokenYear())
                    : answer.rule(status, waiting.cite(), "rule.waitingMonths", months, later(start, table.firstDay()),
                            period.start(), period.end());
            return new Pathway(start, false, lastPayment, deadlineCite, deadlineStatus, rule, months);
        }
        AppliedRule rule = switch (window.benefitStart()) {
            case YEAR_START -> answer.rule(window.status(), window.cite(), "rule.enrolmentPeriod", window.start(),
                    window.end(), table.firstDay());
            case NEXT_MONTH -> answer.rule(window.status(), window.cite(), "rule.monthlyStart", window.start(),
                    window.end(), nextMonth(paid));
            case AFTER_DAYS -> answer.rule(window.status(), window.cite(), "rule.waitingPeriod", window.start(),
                    window.days(), paid.plusDays(window.days() + 1L));
            case WAITING_RULE -> throw new IllegalStateException("a waitingRule window needs the table's waiting rule");
        };
        LocalDate start = switch (window.benefitStart()) {
            case YEAR_START -> table.firstDay();
            case NEXT_MONTH -> nextMonth(paid);
            // Civil Code art. 201: the waiting period runs from the day after payment
            case AFTER_DAYS -> paid.plusDays(window.days() + 1L);
            case WAITING_RULE -> throw new IllegalStateException("unreachable");
        };
        return new Pathway(start, false, lastPayment, deadlineCite, deadlineStatus, rule, null);
    }

    private MemberQuote ineligible(Answer answer, Tier tier, Money standard, Money subsidy,
                                   PolicyTable.Category subsidyCategory, History history, Integer waitingMonths,
                                   FigureStatus status, String cite, String reasonKey, Object... arguments) {
        String reason = text(reasonKey, arguments);
        answer.add(answer.rule(status, cite, reasonKey, arguments));
        String explanation = reason + provisionalNote(answer.provisional);
        return new MemberQuote(false, tier, standard, subsidy, code(subsidyCategory), Money.ZERO, Money.ZERO,
                null, null, null, history.broken(), waitingMonths, 0, Money.ZERO, history.continuous(),
                answer.provisional, answer.rules, reason, explanation);
    }

    private String explain(PolicyTable table, PersonFacts person, Tier tier, Money standard,
                           PolicyTable.Category category, Money subsidy, Money surcharge, Money payable,
                           LocalDate start, LocalDate end, int waitingDays, Integer waitingMonths, History history,
                           boolean provisional) {
        List<String> parts = new ArrayList<>();
        parts.add(text("explain.payable", payable));
        parts.add(text("explain.standard", tier, standard));
        if (category != null) {
            parts.add(text("explain.subsidy", category.name(), subsidy));
        }
        if (!surcharge.isZero()) {
            parts.add(text("explain.surcharge", surcharge));
        }
        if (history.repairYears() > 0) {
            parts.add(text("explain.repair", history.repairYears(), history.repairCost()));
        }
        if (history.broken() > 0) {
            parts.add(text("explain.broken", history.brokenText(), history.broken()));
        }
        if (waitingMonths != null) {
            // "等待期4个月，2026年4月16日起享受待遇" as the clerk reads it aloud; the end is Dec 31 as always
            parts.add(text("explain.waitingMonths", waitingMonths, start));
        } else {
            if (waitingDays > 0) {
                parts.add(text("explain.waiting", waitingDays));
            }
            parts.add(text("explain.period", start, end));
        }
        StringBuilder text = new StringBuilder(String.join(text("explain.separator"), parts));
        PolicyTable.WaitingRule rule = table.waitingRule();
        if (rule != null && waitingMonths != null && history.broken() > history.repairYears()) {
            // the least repair that gives the shortest wait
            int shortest = rule.months(history.broken(), history.broken());
            int repair = history.repairYears();
            while (rule.months(history.broken(), repair) > shortest) {
                repair++;
            }
            if (shortest < waitingMonths) {
                text.append(text("explain.repairOffer", repair - history.repairYears(),
                        rule.repairCost(table, tier, repair - history.repairYears()), shortest));
            }
        }
        if (rule != null && !history.given() && !isNewbornOfYear(table, person)) {
            text.append(text("explain.noHistory"));
        }
        if (rule != null && history.continuous() != null && history.continuous() >= rule.continuityNoteFromYears()) {
            text.append(text("explain.continuity", history.continuous()));
        }
        text.append(provisionalNote(provisional));
        return text.append(text("explain.end")).toString();
    }

    private static boolean isNewbornOfYear(PolicyTable table, PersonFacts person) {
        return person.birthDate().getYear() >= table.year();
    }

    private String provisionalNote(boolean provisional) {
        return provisional ? text("explain.provisional") : "";
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

    private static LocalDate nextMonth(LocalDate paid) {
        return paid.withDayOfMonth(1).plusMonths(1);
    }

    private static FigureStatus worse(FigureStatus a, FigureStatus b) {
        return a.isProvisional() ? a : b;
    }
}
