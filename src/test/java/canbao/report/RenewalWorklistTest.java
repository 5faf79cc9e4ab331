package canbao.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.Localization;
import canbao.model.NaturalOrder;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.RenewalStore;
import canbao.store.RenewalVillage;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalWorklistTest {

    static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    static final Clock CLOCK = Clock.fixed(RenewalVillage.TODAY.atTime(10, 0).atZone(CHONGQING).toInstant(), CHONGQING);

    @TempDir
    Path folder;

    private Database database;
    private RenewalWorklist worklist;

    @BeforeEach
    void fillTheTownship() {
        database = Database.open(folder, TestKeys.KEY);
        new WorkplaceSettings(database).save(new Workplace("兴义镇", "500230", "王芳"));
        PolicyLibrary policies = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        RenewalVillage.fill(new HouseholdService(database, policies, engine, CLOCK));
        worklist = new RenewalWorklist(new RenewalStore(database), policies, engine, CLOCK, Localization.CHINESE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void worklistListsEveryoneWithoutA2026PaymentByVillageAndHouseholdWithQuotesAndCounts() {
        RenewalWorklist.Worklist list = worklist.compute(2026, null);

        assertEquals(2026, list.policyYear());
        assertEquals("""
                兴义村 待续保10 已续保1 新参保0 已标记0
                  户0003 2组 合计1550
                    王大 500230********1319 上年own/2 二档 仍=[] 775 起2026-01-01 断0 等- 新生儿- 低收入false
                    王宝宝 Q500230001 上年with_guardian/- 二档 仍=[] 775 起2026-01-01 断0 等- 新生儿19 低收入false
                  户0001 3组 合计1615
                    张三 500230********1079 上年own/1 一档 仍=[] 400 起2026-01-01 断0 等- 新生儿- 低收入false
                    李四 500230********3877 上年own/2 二档 仍=[] 775 起2026-01-01 断0 等- 新生儿- 低收入false
                    张老汉 500230********1230 上年own/1 一档 仍=[DIBAO 2025-03-01 CURRENT] 40 起2026-01-01 断0 等- 新生儿- 低收入true
                    张小花 500230********1244 上年own/1 一档 仍=[DIBAO 2023-06-01 LAPSED, STABLE_EXIT 2025-02-01 NO_SUBSIDY] 400 起2026-01-01 断0 等- 新生儿- 低收入false
                  户0004 2组 合计800
                    孙八 500230********1529 上年- 一档（默认） 仍=[] 400 起2026-01-01 断0 等- 新生儿- 低收入false
                    孙九 500230********1638 上年- 一档（默认） 仍=[] 400 起2026-03-21 断1 等4 新生儿- 低收入false
                  户0002 10组 合计800
                    王五 500230********1112 上年own/1 一档 仍=[] 400 起2026-01-01 断0 等- 新生儿- 低收入false
                    赵六 500230********2221 上年- 一档（默认） 仍=[] 400 起2026-01-01 断0 等- 新生儿- 低收入false
                龙河村 待续保1 已续保1 新参保0 已标记0
                  户0005 1组 合计40
                    钱一 500230********171X 上年own/1 一档 仍=[DIBAO 2025-10-01 CURRENT] 40 起2026-01-01 断0 等- 新生儿- 低收入true
                合计 待续保11 已续保2 新参保0 已标记0
                """, render(list));
    }

    @Test
    void oneVillageOnly() {
        RenewalWorklist.Worklist list = worklist.compute(2026, "龙河村");
        assertEquals(List.of("龙河村"), list.villages().stream().map(RenewalWorklist.Village::village).toList());
        assertEquals(new RenewalWorklist.Counts(1, 1, 0, 0), list.township());
    }

    /**
     * A village read alone still finds last year's tier of a child covered with a guardian who lives in
     * another village: the guardian's enrolment is read although the guardian is not of the village.
     */
    @Test
    void aChildCoveredWithAGuardianOfAnotherVillageRenewsAtTheGuardiansTier() {
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), CLOCK);
        var saved = households.save(new canbao.service.HouseholdEntry("0007", RenewalVillage.LONGHE, "3组", "龙河村3组",
                "13800000000", List.of(new canbao.service.HouseholdEntry.Member("王二宝", null,
                        java.time.LocalDate.of(2025, 8, 1), "Q500230007", "子", "汉", null, null, null,
                        new canbao.service.HouseholdEntry.EnrollmentRequest(2025, null, null, null, null,
                                RenewalVillage.WANG_DA)))), "wangfang");
        assertEquals(true, saved.isValid(), () -> saved.problems().toString());
        // the guardian's own enrolment for 2026 (another tier) is no part of last year's: the child keeps 二档
        var guardianRenewed = households.save(new canbao.service.HouseholdEntry("0003", RenewalVillage.XINGYI, "2组",
                "兴义村2组", "13800000000", List.of(new canbao.service.HouseholdEntry.Member("王大",
                        RenewalVillage.WANG_DA, null, null, "户主", "汉", null, null, null,
                        new canbao.service.HouseholdEntry.EnrollmentRequest(2026, 1, RenewalVillage.TODAY, "R-0003",
                                null, null)))), "wangfang");
        assertEquals(true, guardianRenewed.isValid(), () -> guardianRenewed.problems().toString());

        for (RenewalWorklist.Worklist list : List.of(worklist.compute(2026, RenewalVillage.LONGHE),
                worklist.compute(2026, null))) {
            RenewalWorklist.Member child = list.households().stream().flatMap(h -> h.members().stream())
                    .filter(m -> m.name().equals("王二宝")).findFirst().orElseThrow();
            assertEquals("with_guardian", child.lastYear().kind());
            assertEquals(canbao.model.Tier.TWO, child.lastYear().guardianTier());
            assertEquals(canbao.model.Tier.TWO, child.tier());
            assertEquals(false, child.defaultTier());
        }
        String householdId = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM household WHERE number = '0007'").mapTo(String.class).one());
        assertEquals(canbao.model.Tier.TWO, worklist.household(2026, householdId).get(0).tier());
    }

    @Test
    void groupsSortAsPeopleReadThem() {
        List<String> groups = new java.util.ArrayList<>(List.of("10组", "2组", "1组", "02组", "户0010", "户0009", "户10"));
        groups.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("1组", "2组", "02组", "10组", "户0009", "户10", "户0010"), groups);
    }

    @Test
    void everyQuoteIsTheQuoteEnginesOwnForThatPersonThoughSharedBetweenLikeFacts() {
        PolicyLibrary policies = PolicyLibrary.builtIn();
        canbao.policy.PolicyTable table = policies.table(2026).orElseThrow();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        java.util.Map<String, RenewalStore.Row> rows = new java.util.HashMap<>();
        new RenewalStore(database).rows(2026, null).forEach(row -> rows.put(row.person().id(), row));
        int quoted = 0;
        for (RenewalWorklist.Household household : worklist.compute(2026, null).households()) {
            for (RenewalWorklist.Member member : household.members()) {
                if (member.quote() == null) {
                    continue;
                }
                RenewalStore.Row row = rows.get(member.personId());
                canbao.model.Person p = row.person();
                canbao.policy.PersonFacts facts = new canbao.policy.PersonFacts(p.name(), p.idNumber(),
                        p.birthCertificateNo(), p.birthDate(), p.sex(), row.renewalTier(),
                        row.standingCategories(table).stream().map(canbao.model.PersonCategory::code).toList(),
                        p.employeeInsuranceEndedOn(), p.graduationYear(), row.history().coveredYears(), 0);
                assertEquals(engine.quote(table, facts, RenewalVillage.TODAY), member.quote(), member.name());
                quoted++;
            }
        }
        assertEquals(11, quoted);
    }

    /** The worklist as one text a reader can check line by line against the township above. */
    static String render(RenewalWorklist.Worklist list) {
        StringBuilder text = new StringBuilder();
        for (RenewalWorklist.Village village : list.villages()) {
            text.append(village.village()).append(' ').append(counts(village.counts())).append('\n');
            for (RenewalWorklist.Household household : village.households()) {
                text.append("  户").append(household.number()).append(' ').append(household.group())
                        .append(" 合计").append(household.total()).append('\n');
                for (RenewalWorklist.Member m : household.members()) {
                    text.append("    ").append(m.name()).append(' ').append(m.maskedIdentity())
                            .append(" 上年").append(m.lastYear() == null ? "-" : m.lastYear().kind() + "/"
                                    + (m.lastYear().tier() == null ? "-" : m.lastYear().tier().number()))
                            .append(' ').append(m.tier().number() == 1 ? "一档" : "二档")
                            .append(m.defaultTier() ? "（默认）" : "")
                            .append(" 仍=").append(m.categories().stream()
                                    .map(c -> c.code() + " " + c.certifiedOn() + " " + c.status())
                                    .collect(Collectors.joining(", ", "[", "]")));
                    if (m.mark() != null) {
                        text.append(" 标记").append(m.mark().kind().code()).append('/').append(m.mark().policyYear());
                    } else {
                        text.append(' ').append(m.quote().eligible() ? m.quote().payable() : m.quote().reason())
                                .append(" 起").append(m.quote().benefitStart())
                                .append(" 断").append(m.quote().brokenYears())
                                .append(" 等").append(m.quote().waitingMonths() == null ? "-" : m.quote().waitingMonths());
                    }
                    text.append(" 新生儿").append(m.newbornDaysLeft() == null ? "-" : m.newbornDaysLeft())
                            .append(" 低收入").append(m.lowIncome()).append('\n');
                }
            }
        }
        return text.append("合计 ").append(counts(list.township())).append('\n').toString();
    }

    private static String counts(RenewalWorklist.Counts counts) {
        return "待续保" + counts.toRenew() + " 已续保" + counts.renewed() + " 新参保" + counts.newlyEnrolled()
                + " 已标记" + counts.marked();
    }
}
