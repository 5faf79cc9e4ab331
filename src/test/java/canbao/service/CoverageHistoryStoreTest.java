package canbao.service;

import canbao.store.StoreFixture;

import static canbao.store.StoreFixture.household;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Enrollment;
import canbao.model.Localization;
import canbao.model.Problem;
import canbao.model.Validated;
import canbao.policy.KnownHistory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage history a 2026 enrolment is quoted with, from the three sources of issue 12: this
 * counter's own paid enrolments, the hub's answer and the clerk's declared years; each recorded
 * with its source in the enrolment's snapshot.
 */
class CoverageHistoryStoreTest {

    private static final String ZHANG = "500230198003151079";

    @TempDir
    Path folder;

    private StoreFixture store;

    @BeforeEach
    void openStore() {
        store = new StoreFixture(folder);
        // 张三 paid for 2024 at this counter; nothing for 2025
        save(household("0012", pays(2024, "2023-11-10", null, KnownHistory.NONE)));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void theCountersOwnYearsShowTheBrokenYearAndTheSnapshotSaysWhereTheyCameFrom() throws Exception {
        Enrollment enrolled = save(household("0012", pays(2026, "2025-12-15", null, KnownHistory.NONE)))
                .members().get(0).enrollment();

        assertEquals(LocalDate.of(2026, 4, 16), enrolled.benefitStart(), "2025 broken: 3 + 1 months");
        JsonNode snapshot = new ObjectMapper().readTree(enrolled.quoteSnapshot());
        assertEquals(1, snapshot.get("brokenYears").asInt());
        assertEquals(4, snapshot.get("waitingMonths").asInt());
        assertEquals("[2024]", snapshot.at("/history/coveredYears").toString());
        assertEquals("counter", snapshot.at("/history/sources/0/source").asText());
        assertEquals("notAsked", snapshot.at("/history/hub").asText());
    }

    @Test
    void yearsTheHubHoldsCloseTheGapAndAreRecordedAsTheHubs() throws Exception {
        KnownHistory hub = KnownHistory.NONE.withHub(new TreeSet<>(List.of(2025)));

        Enrollment enrolled = save(household("0012", pays(2026, "2025-12-15", null, hub))).members().get(0)
                .enrollment();

        assertEquals(LocalDate.of(2026, 1, 1), enrolled.benefitStart());
        JsonNode snapshot = new ObjectMapper().readTree(enrolled.quoteSnapshot());
        assertEquals("[2024,2025]", snapshot.at("/history/coveredYears").toString());
        assertEquals("hub", snapshot.at("/history/sources/1/source").asText());
        assertEquals("answered", snapshot.at("/history/hub").asText());
        assertEquals(3, snapshot.get("continuousYears").asInt());
    }

    @Test
    void aDeclaredYearIsKeptWithThePersonAndItsEvidence() throws Exception {
        KnownHistory declared = KnownHistory.NONE.with(KnownHistory.Source.DECLARED, List.of(2025), "2025年在职工医保");

        Enrollment enrolled = save(household("0012", pays(2026, "2025-12-15", null, declared))).members().get(0)
                .enrollment();

        assertEquals(LocalDate.of(2026, 1, 1), enrolled.benefitStart());
        JsonNode snapshot = new ObjectMapper().readTree(enrolled.quoteSnapshot());
        assertEquals("declared", snapshot.at("/history/sources/1/source").asText());
        assertEquals("2025年在职工医保", snapshot.at("/history/sources/1/evidence").asText());
        assertEquals(1L, store.count("declared_coverage"));
        String evidence = store.database.jdbi().withHandle(h -> h.createQuery(
                "SELECT evidence || '/' || created_by FROM declared_coverage WHERE year = 2025").mapTo(String.class).one());
        assertEquals("2025年在职工医保/王芳", evidence);
    }

    @Test
    void repairingTheBrokenYearCostsItsStandardAndShortensTheWait() {
        Enrollment enrolled = save(household("0012", pays(2026, "2025-12-15", 1, KnownHistory.NONE))).members()
                .get(0).enrollment();

        assertEquals(80000, enrolled.payable().fen(), "400 for 2026 + 400 for the repaired 2025");
        assertEquals(LocalDate.of(2026, 3, 16), enrolled.benefitStart());
    }

    @Test
    void repairingMoreYearsThanAreBrokenIsRefusedNamingTheFieldAndNothingIsSaved() {
        long before = store.count("enrollment");
        Validated<HouseholdService.Saved> saved = store.households.save(
                household("0012", pays(2026, "2025-12-15", 2, KnownHistory.NONE)), "王芳");

        assertFalse(saved.isValid());
        Problem problem = saved.problems().get(0);
        assertEquals("members[0].repairYears", problem.field(), "where enroll takes it");
        assertTrue(problem.message(Localization.CHINESE).contains("超过断保年数1年"), problem.message(Localization.CHINESE));
        assertEquals(before, store.count("enrollment"));
    }

    @Test
    void aDeclaredYearAfterThePolicyYearIsRefusedNamingTheField() {
        KnownHistory declared = KnownHistory.NONE.with(KnownHistory.Source.DECLARED, List.of(2027), "x");

        Validated<HouseholdService.Saved> saved = store.households.save(
                household("0012", pays(2026, "2025-12-15", null, declared)), "王芳");

        assertFalse(saved.isValid());
        assertEquals("members[0].coveredYears[0]", saved.problems().get(0).field());
    }

    @Test
    void aLaterYearsEnrolmentIsNoHistoryOfAnEarlierOne() {
        // a low-income person paid for 2026 first, then for 2025 (exempt from the deadline)
        KnownHistory none = KnownHistory.NONE;
        save(household("0012", new HouseholdEntry.Member("张三", ZHANG, null, null, "户主", "汉",
                List.of(new HouseholdEntry.Category("DIBAO", "民政办", LocalDate.of(2024, 1, 1))), null, null,
                new HouseholdEntry.EnrollmentRequest(2026, 1, LocalDate.of(2025, 10, 1), "R-2026", null, null), none)));

        Enrollment enrolled = save(household("0012", pays(2025, "2025-11-01", null, none))).members().get(0)
                .enrollment();

        assertEquals(LocalDate.of(2025, 11, 1), enrolled.benefitStart());
        assertTrue(enrolled.quoteSnapshot().contains("\"coveredYears\":[2024]"), enrolled.quoteSnapshot());
    }

    private static HouseholdEntry.Member pays(int year, String paid, Integer repair, KnownHistory history) {
        return new HouseholdEntry.Member("张三", ZHANG, null, null, "户主", "汉", null, null, null,
                new HouseholdEntry.EnrollmentRequest(year, 1, LocalDate.parse(paid), "R-" + year, null, null, repair),
                history);
    }

    private HouseholdService.Saved save(HouseholdEntry entry) {
        Validated<HouseholdService.Saved> saved = store.households.save(entry, "王芳");
        assertTrue(saved.isValid(), () -> saved.problems().stream()
                .map(p -> p.describe(Localization.CHINESE)).toList().toString());
        return saved.value();
    }
}
