package canbao.policy;

import canbao.model.Money;
import canbao.model.Tier;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the quote engine knows about one policy year, loaded from a data file
 * ({@code policy/2022.json}). Optional parts are null when the year's notices have no such rule
 * (2021 has no late surcharge, no low-income or graduate exemption).
 *
 * @param origin where the table was loaded from, for messages
 * @param version the table's own version, recorded in every enrolment snapshot
 */
public record PolicyTable(
        String origin,
        int year,
        String version,
        List<SourceDocument> sources,
        Map<Tier, Money> standards,
        String standardsCite,
        EnrolmentPeriod enrolmentPeriod,
        MonthlyStart monthlyStart,
        WaitingPeriod waitingPeriod,
        Deadline ordinaryDeadline,
        Surcharge surcharge,
        NewbornRule newborn,
        GuardianCoverage guardianCoverage,
        LowIncomeRule lowIncome,
        EmployeeTransferRule employeeTransfer,
        GraduateRule graduate,
        String highestSubsidyWinsCite,
        Map<String, Category> categories) {

    public PolicyTable {
        sources = List.copyOf(sources);
        standards = Map.copyOf(standards);
        // keeps the file's order: the screens list categories as the notices do
        categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
    }

    public Money standard(Tier tier) {
        return standards.get(tier);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, 1, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(year, 12, 31);
    }

    /** The last day an ordinary (not exempted) late enrolment may pay: the stated deadline or Dec 31. */
    public LocalDate ordinaryLastPaymentDate() {
        return ordinaryDeadline == null ? lastDay() : ordinaryDeadline.date();
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    /** A notice the table's rules come from; the date is null where the notice does not show one. */
    public record SourceDocument(String document, LocalDate date, String scope, String seed) {
    }

    /** 集中参保期: paying in it covers the whole year from Jan 1. */
    public record EnrolmentPeriod(LocalDate start, LocalDate end, String cite) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(start) && !date.isAfter(end);
        }
    }

    /** 2021: paid after the period and on or before {@code until} → covered from the 1st of the next month. */
    public record MonthlyStart(LocalDate until, String cite) {
    }

    /** 等待期: benefits start {@code days + 1} days after payment (Civil Code art. 201 day counting). */
    public record WaitingPeriod(int days, String cite) {
    }

    public record Deadline(LocalDate date, String cite) {
    }

    /** The fiscal subsidy a late payer loses and pays instead, for payments after {@code after}. */
    public record Surcharge(Money amount, LocalDate after, String cite) {
    }

    /** Newborns paying within {@code withinDays} of birth are covered from birth. */
    public record NewbornRule(int withinDays, String cite) {
    }

    /** A newborn not enrolled on its own is covered with its enrolled guardian from birth, at no fee (随监护人). */
    public record GuardianCoverage(String cite) {
    }

    /** 农村低收入人口: no waiting period, no surcharge, may enrol until Dec 31. */
    public record LowIncomeRule(Set<String> categories, String cite) {
        public LowIncomeRule {
            categories = Set.copyOf(categories);
        }
    }

    /** Left employee insurance (职工医保) at most {@code withinMonths} before paying: no waiting period. */
    public record EmployeeTransferRule(int withinMonths, String cite) {
    }

    /** Graduates enrolling in [windowStart, windowEnd] of their graduation year are covered from benefitStart. */
    public record GraduateRule(MonthDay windowStart, MonthDay windowEnd, MonthDay benefitStart, String cite) {
    }

    /** A subsidy category; a null amount means the category earns no subsidy that year on that tier. */
    public record Category(String code, String name, Money tier1, Money tier2, String cite) {
        public Optional<Money> subsidy(Tier tier) {
            return Optional.ofNullable(tier == Tier.ONE ? tier1 : tier2);
        }
    }
}
