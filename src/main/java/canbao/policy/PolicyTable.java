package canbao.policy;

import canbao.model.Money;
import canbao.model.Tier;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the quote engine knows about one policy year, loaded from a data file
 * ({@code policy/2026.json}). Optional parts are null when the year's notices have no such rule
 * (2021 has no late surcharge, no low-income or graduate exemption; 2025 has no ordinary deadline).
 * Every figure carries its {@link FigureStatus} and the notice it comes from.
 *
 * @param origin where the table was loaded from, for messages
 * @param version the table's own version, recorded in every enrolment snapshot
 * @param windows the payment windows in date order, contiguous; the first is the enrolment period
 *                (集中参保期) and the last may stay open to the end of the year
 */
public record PolicyTable(
        String origin,
        int year,
        String version,
        List<SourceDocument> sources,
        Standards standards,
        FiscalSubsidy fiscalSubsidy,
        List<PaymentWindow> windows,
        Deadline ordinaryDeadline,
        Surcharge surcharge,
        WaitingRule waitingRule,
        NewbornRule newborn,
        GuardianCoverage guardianCoverage,
        LowIncomeRule lowIncome,
        EmployeeTransferRule employeeTransfer,
        GraduateRule graduate,
        String highestSubsidyWinsCite,
        Map<String, Category> categories) {

    public PolicyTable {
        sources = List.copyOf(sources);
        windows = List.copyOf(windows);
        // keeps the file's order: the screens list categories as the notices do
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    public Money standard(Tier tier) {
        return standards.amount(tier);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, 1, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(year, 12, 31);
    }

    /** 集中参保期: the first payment window, whose payments cover the whole year from Jan 1. */
    public PaymentWindow enrolmentPeriod() {
        return windows.get(0);
    }

    /** The window a payment on {@code date} falls in; empty before the first or after the last one closes. */
    public Optional<PaymentWindow> window(LocalDate date) {
        return windows.stream().filter(w -> w.contains(date, lastDay())).findFirst();
    }

    /** The last day an ordinary (not exempted) late enrolment may pay: the stated deadline, else the last window's end. */
    public LocalDate ordinaryLastPaymentDate() {
        if (ordinaryDeadline != null) {
            return ordinaryDeadline.date();
        }
        PaymentWindow last = windows.get(windows.size() - 1);
        return last.end() == null ? lastDay() : last.end();
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    /** Whether any figure of the table is provisional (the screens say so next to the year). */
    public boolean hasProvisionalFigures() {
        return standards.status().isProvisional()
                || (fiscalSubsidy != null && fiscalSubsidy.status().isProvisional())
                || windows.stream().anyMatch(w -> w.status().isProvisional())
                || (ordinaryDeadline != null && ordinaryDeadline.status().isProvisional())
                || (surcharge != null && surcharge.status().isProvisional())
                || (waitingRule != null && waitingRule.status().isProvisional())
                || categories.values().stream().anyMatch(c -> c.status().isProvisional());
    }

    /** A notice the table's rules come from; the date is null where the notice does not show one. */
    public record SourceDocument(String document, LocalDate date, String scope, String seed) {
    }

    /** 个人缴费标准 of the two tiers. */
    public record Standards(Money tier1, Money tier2, FigureStatus status, String cite) {
        public Money amount(Tier tier) {
            return tier == Tier.ONE ? tier1 : tier2;
        }
    }

    /** 财政补助 per enrollee: what a late payer who loses it pays as the surcharge. */
    public record FiscalSubsidy(Money amount, FigureStatus status, String cite) {
    }

    /** How a payment inside a window sets the benefit start. */
    public enum BenefitStart implements JsonWord {
        /** Jan 1 of the policy year. */
        YEAR_START,
        /** The 1st of the month after the payment (延迟参保缴费期). */
        NEXT_MONTH,
        /** A waiting period of {@code days} days: payment date + days + 1 (Civil Code art. 201 day counting). */
        AFTER_DAYS,
        /** The month-based waiting rule of the table ({@link WaitingRule}). */
        WAITING_RULE;
    }

    /**
     * Payments from {@code start} to {@code end} (inclusive; null end = to Dec 31 of the year) start
     * benefits by {@code benefitStart}; {@code days} is set for {@link BenefitStart#AFTER_DAYS} only.
     */
    public record PaymentWindow(LocalDate start, LocalDate end, BenefitStart benefitStart, Integer days,
                                FigureStatus status, String cite) {
        public boolean contains(LocalDate date, LocalDate yearEnd) {
            return !date.isBefore(start) && !date.isAfter(end == null ? yearEnd : end);
        }
    }

    public record Deadline(LocalDate date, FigureStatus status, String cite) {
    }

    /**
     * The fiscal subsidy a late payer loses and pays instead, for payments from {@code from} on.
     * The status is provisional when either the amount or the start date is.
     */
    public record Surcharge(Money amount, LocalDate from, FigureStatus status, String cite) {
    }

    /**
     * The month-based waiting period of 国办发〔2024〕38号 (POLICY.md, "The 2025 waiting rule"): fixed
     * months, plus months per broken year counted from {@code firstCountedYear}, minus repaired years;
     * with at least {@code minimumFromBrokenYears} broken years the total after repair is at least
     * {@code minimumMonths}. Each repaired year costs {@code repairPrice}. From
     * {@code continuityNoteFromYears} continuous years on the answer notes the higher 大病保险 ceiling.
     */
    public record WaitingRule(int fixedMonths, int monthsPerBrokenYear, int firstCountedYear,
                              FigureStatus firstCountedYearStatus, int minimumFromBrokenYears, int minimumMonths,
                              RepairPrice repairPrice, int continuityNoteFromYears, FigureStatus status, String cite) {

        /** Waiting months for a person with {@code broken} broken years who repairs {@code repaired} of them. */
        public int months(int broken, int repaired) {
            int months = fixedMonths + monthsPerBrokenYear * (broken - repaired);
            if (broken >= minimumFromBrokenYears) {
                months = Math.max(months, minimumMonths);
            }
            return Math.max(months, 0);
        }

        public Money repairCost(PolicyTable table, Tier tier, int years) {
            Money each = repairPrice == RepairPrice.TIER1_STANDARD ? table.standard(Tier.ONE) : table.standard(tier);
            return new Money(Math.multiplyExact(each.fen(), years));
        }
    }

    /** What one repaired (补缴) year costs. */
    public enum RepairPrice implements JsonWord {
        /** The standard of the tier the person chose, no subsidy (国办发〔2024〕38号: 参照当年个人缴费标准). */
        CHOSEN_TIER_STANDARD,
        /** The tier-1 standard whatever the tier chosen. */
        TIER1_STANDARD;
    }

    /**
     * Newborns paying within {@code withinDays} of birth are covered from birth; a child born in the
     * last {@code withinDays} of the year before, paying this year within them, is a newborn for this
     * year too (POLICY.md Decision, with its own status and cite).
     */
    public record NewbornRule(int withinDays, FigureStatus status, String cite, FigureStatus previousYearStatus,
                              String previousYearCite) {

        /** The last day a child born on {@code birth} pays as a newborn: birth + {@code withinDays}. */
        public java.time.LocalDate deadline(java.time.LocalDate birth) {
            return birth.plusDays(withinDays);
        }
    }

    /** A newborn not enrolled on its own is covered with its enrolled guardian from birth, at no fee (随监护人). */
    public record GuardianCoverage(FigureStatus status, String cite) {
    }

    /** 农村低收入人口: no waiting period, no surcharge, may enrol until Dec 31. */
    public record LowIncomeRule(Set<String> categories, FigureStatus status, String cite) {
        public LowIncomeRule {
            categories = Set.copyOf(categories);
        }
    }

    /** Left employee insurance (职工医保) at most {@code withinMonths} before paying: no waiting period. */
    public record EmployeeTransferRule(int withinMonths, FigureStatus status, String cite) {
    }

    /** Graduates enrolling in [windowStart, windowEnd] of their graduation year are covered from benefitStart. */
    public record GraduateRule(MonthDay windowStart, MonthDay windowEnd, MonthDay benefitStart, FigureStatus status,
                               String cite) {
    }

    /** A subsidy category; a null amount means the category earns no subsidy that year on that tier. */
    public record Category(String code, String name, Money tier1, Money tier2, FigureStatus status, String cite) {
        public Optional<Money> subsidy(Tier tier) {
            return Optional.ofNullable(tier == Tier.ONE ? tier1 : tier2);
        }
    }
}
