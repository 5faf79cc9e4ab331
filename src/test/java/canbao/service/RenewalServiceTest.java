package canbao.service;

import canbao.store.Database;
import canbao.store.RenewalVillage;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.EnrollCommandAccess;
import canbao.model.Localization;
import canbao.model.Money;
import canbao.model.Problem;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalServiceTest {

    static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    static final Clock CLOCK = Clock.fixed(RenewalVillage.TODAY.atTime(10, 0).atZone(CHONGQING).toInstant(), CHONGQING);

    @TempDir
    Path folder;

    private Database database;
    private HouseholdService households;
    private RenewalService renewals;

    @BeforeEach
    void fillTheTownship() {
        database = Database.open(folder, TestKeys.KEY);
        new WorkplaceSettings(database).save(new Workplace("兴义镇", "500230", "王芳"));
        PolicyLibrary policies = PolicyLibrary.builtIn();
        households = new HouseholdService(database, policies, new QuoteEngine(Localization.CHINESE), CLOCK);
        RenewalVillage.fill(households);
        renewals = new RenewalService(database, households, policies, CLOCK);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void familyOfFourIsRenewedOnLastYearsTiersWithTheCategoriesThatStandInOneSave() {
        long outboxBefore = count("outbox");
        RenewalService.Outcome outcome = renewals.renew("0001", 2026, null, "R2026-0001", "wangfang");

        assertTrue(outcome.saved().isValid(), () -> outcome.saved().problems().toString());
        List<HouseholdService.SavedMember> saved = outcome.saved().value().members();
        assertEquals(List.of("张三", "李四", "张老汉", "张小花"), saved.stream().map(m -> m.person().name()).toList());
        assertEquals(List.of(Money.ofYuan(400), Money.ofYuan(775), Money.ofYuan(40), Money.ofYuan(400)),
                saved.stream().map(m -> m.enrollment().payable()).toList());
        assertEquals(List.of(1, 2, 1, 1), saved.stream().map(m -> m.enrollment().tier().number()).toList());
        for (HouseholdService.SavedMember member : saved) {
            assertEquals(2026, member.enrollment().policyYear());
            assertEquals(RenewalVillage.TODAY, member.enrollment().paymentDate());
            assertEquals("R2026-0001", member.enrollment().receiptNo());
            assertEquals(LocalDate.of(2026, 1, 1), member.enrollment().benefitStart());
        }
        // 张老汉's 低保 stands and stays as stored; 张小花's 低保 of 2023 lapsed and is tombstoned, her
        // 稳定脱贫 (no subsidy in 2026) stays
        assertEquals(List.of("DIBAO"), liveCategories(RenewalVillage.ZHANG_LAOHAN));
        assertEquals(List.of("STABLE_EXIT"), liveCategories(RenewalVillage.ZHANG_XIAOHUA));
        long householdRevision = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT max(revision) FROM household WHERE number = '0001'").mapTo(Long.class).one());
        assertEquals(1, householdRevision);
        // four enrolments and one category tombstone queued, nothing else
        assertEquals(outboxBefore + 5, count("outbox"));
        assertTrue(saved.get(2).enrollment().quoteSnapshot().contains("subsidyBasis"));
    }

    @Test
    void runningTheSameRenewalAgainChangesNothing() {
        assertTrue(renewals.renew("0001", 2026, null, "R2026-0001", "wangfang").saved().isValid());
        long enrollments = count("enrollment");
        long outbox = count("outbox");
        long audit = count("audit_log");

        RenewalService.Outcome again = renewals.renew("0001", 2026, null, "R2026-0001", "wangfang");

        assertFalse(again.saved().isValid());
        assertEquals(List.of(Problem.of("renew.household", "renew.nothingToRenew", "0001", 2026)),
                again.saved().problems());
        assertEquals(enrollments, count("enrollment"));
        assertEquals(outbox, count("outbox"));
        assertEquals(audit, count("audit_log"));
    }

    @Test
    void aMemberAlreadyEnrolledForTheYearIsRefusedNamingTheEnrolmentAndNothingIsSaved() {
        List<String> chosen = renewals.personIds("0004", List.of(RenewalVillage.SUN_QI, RenewalVillage.SUN_BA));
        long enrollments = count("enrollment");

        RenewalService.Outcome outcome = renewals.renew("0004", 2026, chosen, "R2026-0004", "wangfang");

        assertFalse(outcome.saved().isValid());
        assertEquals(List.of("孙七", "孙八"), outcome.persons().stream().map(p -> p.name()).toList());
        assertEquals(1, outcome.saved().problems().size());
        Problem duplicate = outcome.saved().problems().get(0);
        assertEquals("members[0].idNumber", duplicate.field());
        assertEquals("已参加2026年度居民医保（户0004，兴义村，2025年11月15日由wangfang登记），不能重复参保",
                duplicate.message(Localization.CHINESE));
        assertEquals(enrollments, count("enrollment"));
    }

    @Test
    void aNewbornCoveredWithItsGuardianLastYearRenewsOnTheGuardiansTier() {
        RenewalService.Outcome outcome = renewals.renew("0003", 2026, null, "R2026-0003", "wangfang");

        assertTrue(outcome.saved().isValid(), () -> outcome.saved().problems().toString());
        assertEquals(List.of("王大", "王宝宝"), outcome.persons().stream().map(p -> p.name()).toList());
        assertEquals(List.of(2, 2), outcome.saved().value().members().stream()
                .map(m -> m.enrollment().tier().number()).toList());
        assertEquals(List.of("own", "own"), outcome.saved().value().members().stream()
                .map(m -> m.enrollment().kind()).toList());
    }

    @Test
    void enrollRenewsAHouseholdFromAScriptLineAndRefusesTheSameLineAgain() {
        String line = "{\"renew\":{\"household\":\"0002\",\"policyYear\":2026,\"receiptNo\":\"R2026-0002\"}}";
        String first = EnrollCommandAccess.answer(households, renewals, line);
        assertTrue(first.contains("\"payable\":400") && !first.contains("error"), first);
        assertEquals(2, first.split("\"status\":\"paid\"").length - 1, first);

        String second = EnrollCommandAccess.answer(households, renewals, line);
        assertEquals("{\"error\":\"renew.household: 户0002没有待续保2026年度的成员\",\"errors\":[{\"field\":"
                + "\"renew.household\",\"message\":\"户0002没有待续保2026年度的成员\"}]}", second);

        String named = EnrollCommandAccess.answer(households, renewals, "{\"renew\":{\"household\":\"0004\","
                + "\"policyYear\":2026,\"receiptNo\":\"R1\",\"members\":[\"" + RenewalVillage.SUN_QI + "\"]}}");
        assertTrue(named.contains("renew.500230********141X.idNumber: 已参加2026年度居民医保"), named);
        assertFalse(named.contains(RenewalVillage.SUN_QI), "the ID number is masked in the answer");
    }

    private List<String> liveCategories(String idNumber) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                SELECT c.code FROM person_category c JOIN person p ON p.id = c.person_id
                WHERE p.id_number = ? AND c.deleted = 0 ORDER BY c.code""").bind(0, idNumber).mapTo(String.class).list());
    }

    private long count(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
