package canbao.report;

import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.store.CoverageStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 应保尽保 by village for a policy year — the one computation behind the report screen and
 * {@code report coverage --json}: target (应参保人数), enrolled, rate = enrolled ÷ target (4 decimals,
 * half up; none without a target), the gap to 95 %, low-income people and how many are enrolled,
 * and how many roster persons are not enrolled. Villages are those with a target or with persons.
 */
public final class CoverageReport {

    public static final BigDecimal GOAL = new BigDecimal("0.95");

    /** One village's line. {@code target}, {@code rate} and {@code gapToGoal} are null without a target. */
    public record Village(String village, Integer target, long enrolled, BigDecimal rate, Long gapToGoal,
                          long lowIncomeTotal, long lowIncomeEnrolled, long notEnrolled) {
    }

    public record Coverage(int policyYear, List<Village> villages, Village township) {
        /** The shape the CLI prints: {"policyYear":Y,"villages":[...],"township":{...}}. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("policyYear", policyYear);
            json.put("villages", villages.stream().map(CoverageReport::json).toList());
            json.put("township", CoverageReport.json(township));
            return json;
        }
    }

    private final CoverageStore store;
    private final PolicyLibrary policies;

    public CoverageReport(CoverageStore store, PolicyLibrary policies) {
        this.store = store;
        this.policies = policies;
    }

    /** The seven low-income categories (POLICY.md; 孤儿 counts with 特困), from the newest table that lists them. */
    public Set<String> lowIncomeCodes() {
        for (int year : new TreeSet<>(policies.years()).descendingSet()) {
            PolicyTable table = policies.table(year).orElseThrow();
            if (table.lowIncome() != null) {
                return table.lowIncome().categories();
            }
        }
        return Set.of();
    }

    public Coverage compute(int year) {
        Map<String, CoverageStore.VillageCounts> counts = new TreeMap<>();
        for (CoverageStore.VillageCounts village : store.villages(year, lowIncomeCodes())) {
            counts.put(village.village(), village);
        }
        Map<String, Integer> targets = store.targets();
        Set<String> names = new TreeSet<>(counts.keySet());
        names.addAll(targets.keySet());
        List<Village> villages = new ArrayList<>();
        long enrolled = 0;
        long target = 0;
        boolean everyTarget = !names.isEmpty();
        long low = 0;
        long lowEnrolled = 0;
        long missing = 0;
        for (String name : names) {
            CoverageStore.VillageCounts c = counts.getOrDefault(name,
                    new CoverageStore.VillageCounts(name, 0, 0, 0, 0));
            Village line = village(name, targets.get(name), c.enrolled(), c.lowIncome(), c.lowIncomeEnrolled(),
                    c.persons() - c.enrolled());
            villages.add(line);
            enrolled += c.enrolled();
            low += c.lowIncome();
            lowEnrolled += c.lowIncomeEnrolled();
            missing += c.persons() - c.enrolled();
            if (targets.get(name) == null) {
                everyTarget = false;
            } else {
                target += targets.get(name);
            }
        }
        Village township = village("合计", everyTarget ? (int) target : null, enrolled, low, lowEnrolled, missing);
        return new Coverage(year, villages, township);
    }

    private static Village village(String name, Integer target, long enrolled, long low, long lowEnrolled,
                                   long notEnrolled) {
        BigDecimal rate = target == null || target == 0 ? null
                : BigDecimal.valueOf(enrolled).divide(BigDecimal.valueOf(target), 4, RoundingMode.HALF_UP);
        Long gap = target == null ? null
                : Math.max(0, GOAL.multiply(BigDecimal.valueOf(target)).setScale(0, RoundingMode.CEILING)
                .longValueExact() - enrolled);
        return new Village(name, target, enrolled, rate, gap, low, lowEnrolled, notEnrolled);
    }

    private static Map<String, Object> json(Village village) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("village", village.village());
        json.put("target", village.target());
        json.put("enrolled", village.enrolled());
        json.put("rate", village.rate());
        json.put("gapTo95", village.gapToGoal());
        json.put("lowIncomeTotal", village.lowIncomeTotal());
        json.put("lowIncomeEnrolled", village.lowIncomeEnrolled());
        json.put("notEnrolled", village.notEnrolled());
        return json;
    }

    public List<CoverageStore.Missing> lowIncomeNotEnrolled(int year) {
        return store.notEnrolled(year, lowIncomeCodes(), true);
    }

    public List<CoverageStore.Missing> notEnrolled(int year) {
        return store.notEnrolled(year, lowIncomeCodes(), false);
    }
}
