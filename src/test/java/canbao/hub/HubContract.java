package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncClient;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's rules (idempotency, conflicts, signatures, cross-device duplicates, quote checks) without
 * HTTP, run against each database a county may give the hub: {@link HubTest} on a SQLite file,
 * {@link HubOnPostgresTest} on a real PostgreSQL server.
 */
abstract class HubContract {

    protected Hub hub;

    /** A JDBC URL of an empty database, the same for every call within one test. */
    protected abstract String url() throws Exception;

    /** Everything the database stores of the device table, as text, to search for tokens in clear. */
    protected abstract String storedDeviceData() throws Exception;

    /** Makes the database at {@link #url()} empty again (no tables), the hub being closed. */
    protected abstract void empty() throws Exception;

    @BeforeEach
    void open() throws Exception {
        hub = Hub.open(url(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void sameRecordTwiceIsAcceptedOnceThenCountedAsDuplicate() {
        SyncRecord household = record("household", "h-1", 1, "{\"number\":\"0012\",\"village\":\"兴义村\"}");

        BatchAnswer first = hub.receive("兴义镇-1", batch(household));
        // the same content with its keys in another order is the same record
        BatchAnswer second = hub.receive("兴义镇-1", batch(record("household", "h-1", 1,
                "{\"village\":\"兴义村\",\"number\":\"0012\"}")));

        assertEquals(RecordResult.Status.ACCEPTED, first.results().get(0).status());
        assertEquals(RecordResult.Status.DUPLICATE, second.results().get(0).status());
        assertTrue(second.results().get(0).status().delivered());
    }

    @Test
    void sameKeyWithOtherContentIsAConflictNamedInChinese() {
        hub.receive("兴义镇-1", batch(record("person", "p-1", 1, "{\"name\":\"张三\"}")));

        RecordResult conflict = hub.receive("兴义镇-2", batch(record("person", "p-1", 1, "{\"name\":\"张叁\"}")))
                .results().get(0);

        assertEquals(RecordResult.Status.CONFLICT, conflict.status());
        assertEquals("CONFLICT", conflict.code());
        assertEquals("记录 person/p-1 第1版已由其他上传提交过不同的内容，请核对后以新版本重新上传", conflict.message());
    }

    @Test
    void resentBatchGetsTheAnswerItGotBefore() {
        UploadBatch batch = batch(record("household", "h-1", 1, "{\"number\":\"0012\"}"));

        BatchAnswer first = hub.receive("兴义镇-1", batch);
        BatchAnswer again = hub.receive("兴义镇-1", batch);

        assertEquals(first, again);
        assertEquals(RecordResult.Status.ACCEPTED, again.results().get(0).status());
    }

    @Test
    void badRecordIsRejectedAloneAmongGoodOnes() {
        BatchAnswer answer = hub.receive("兴义镇-1", batch(
                record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                record("household", "h-2", 0, "{\"number\":\"0013\"}"),
                record("spaceship", "s-1", 1, "{}"),
                record("person", "p-1", 1, "not json"),
                record("person", "p-2", 1, "{\"name\":\"李四\"}")));

        assertEquals(List.of(RecordResult.Status.ACCEPTED, RecordResult.Status.REJECTED,
                RecordResult.Status.REJECTED, RecordResult.Status.REJECTED, RecordResult.Status.ACCEPTED),
                answer.results().stream().map(RecordResult::status).toList());
        assertEquals("MALFORMED", answer.results().get(1).code());
    }

    @Test
    void answersAreSignedAndTheSignatureSurvivesAReopen() throws Exception {
        BatchAnswer answer = hub.receive("兴义镇-1", batch(record("household", "h-1", 1, "{\"number\":\"0012\"}")));
        assertTrue(hub.verify(answer));
        BatchAnswer forged = new BatchAnswer(answer.batchId(), answer.receivedAt(), List.of(
                new RecordResult("household", "h-1", 1, RecordResult.Status.REJECTED, "X", null)), answer.signature());
        assertFalse(hub.verify(forged));

        hub.close();
        hub = Hub.open(url(), Clock.systemUTC());
        assertTrue(hub.verify(answer), "the signing key is kept by the hub");
    }

    @Test
    void deviceTokensAreKeptOnlyAsHashes() throws Exception {
        String token = hub.registerDevice("兴义镇-1");

        assertEquals(Optional.of("兴义镇-1"), hub.deviceFor(token));
        assertEquals(Optional.empty(), hub.deviceFor(token + "x"));
        assertEquals(Optional.empty(), hub.deviceFor(null));
        String newToken = hub.registerDevice("兴义镇-1");
        assertNotEquals(token, newToken);
        assertEquals(Optional.empty(), hub.deviceFor(token), "a new token replaces the old one");
        hub.close();
        String stored = storedDeviceData();
        assertTrue(stored.contains("兴义镇-1"), "the device row is in what was searched");
        assertFalse(stored.contains(newToken));
        hub = Hub.open(url(), Clock.systemUTC());
    }

    private static final String ZHANG = "\"birthDate\":\"1980-03-15\",\"idNumber\":\"500230198003151079\"";

    private static SyncRecord enrollment(String id, int revision, String person, String status, int year, String paid,
                                         long payableFen, String start) {
        return record("enrollment", id, revision, ("{\"person\":\"%s\",\"policyYear\":%d,\"status\":\"%s\","
                + "\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"%s\",\"payableFen\":%d,"
                + "\"benefitStart\":\"%s\"}").formatted(person, year, status, paid, payableFen, start));
    }

    @Test
    void samePersonEnrolledForTheSameYearFromTwoDevicesIsRejectedNamingTheFirst() {
        BatchAnswer first = hub.receive("兴义镇-1", batchFrom("兴义镇",
                record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                record("person", "p-1", 1, "{\"household\":\"h-1\"," + ZHANG + "}"),
                enrollment("e-1", 1, "p-1", "paid", 2022, "2022-01-10", 32000, "2022-01-01")));
        assertEquals(RecordResult.Status.ACCEPTED, first.results().get(2).status(), first.results()::toString);

        BatchAnswer second = hub.receive("龙河镇-1", batchFrom("龙河镇",
                record("household", "h-9", 1, "{\"number\":\"0088\"}"),
                record("person", "p-9", 1, "{\"household\":\"h-9\"," + ZHANG + "}"),
                enrollment("e-9", 1, "p-9", "paid", 2022, "2022-01-10", 32000, "2022-01-01"),
                enrollment("e-10", 1, "p-9", "paid", 2021, "2020-12-10", 28000, "2021-01-01")));

        RecordResult duplicate = second.results().get(2);
        assertEquals(RecordResult.Status.REJECTED, duplicate.status());
        assertEquals("DUPLICATE_ENROLLMENT", duplicate.code());
        assertTrue(duplicate.message().startsWith("此人已参加2022年度居民医保（兴义镇，设备兴义镇-1，"),
                duplicate.message());
        assertEquals(RecordResult.Status.ACCEPTED, second.results().get(3).status(), "another year is fine");

        // once the first is cancelled, the second device may enrol the person
        hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-1", 2, "p-1", "cancelled", 2022, "2022-01-10", 32000, "2022-01-01")));
        BatchAnswer retried = hub.receive("龙河镇-1", batchFrom("龙河镇",
                enrollment("e-9", 1, "p-9", "paid", 2022, "2022-01-10", 32000, "2022-01-01")));
        assertEquals(RecordResult.Status.ACCEPTED, retried.results().get(0).status());
    }

    @Test
    void secondLiveEnrolmentOfAPersonAndYearIsRefusedByTheDatabaseItself() throws Exception {
        assertAllAccepted(hub.receive("兴义镇-1", batchFrom("兴义镇", XINGYI_FAMILY)));

        // what a replica that skipped the check would write: the index of live enrolments refuses it
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url());
             java.sql.Statement statement = connection.createStatement()) {
            assertThrows(java.sql.SQLException.class, () -> statement.execute("INSERT INTO hub_enrollment (id, person_id, "
                    + "policy_year, status, device, township, received_at, revision, person_identity) VALUES ('e-x', "
                    + "'p-x', 2022, 'draft', '龙河镇-1', '龙河镇', '2025-01-01T00:00:00Z', 1, '" + ZHANG_ID + "')"));
            statement.execute("INSERT INTO hub_enrollment (id, person_id, policy_year, status, device, township, "
                    + "received_at, revision, person_identity) VALUES ('e-y', 'p-x', 2022, 'cancelled', '龙河镇-1', "
                    + "'龙河镇', '2025-01-01T00:00:00Z', 1, '" + ZHANG_ID + "')");
        }
    }

    @Test
    void personWhoseCorrectedIdNumberIsEnrolledElsewhereForTheSameYearIsRefusedNamingTheFirst() {
        assertAllAccepted(hub.receive("兴义镇-1", batchFrom("兴义镇", XINGYI_FAMILY)));
        // 龙河镇 enrolled the same man under a mistyped number; its correction would make him enrolled twice
        assertAllAccepted(hub.receive("龙河镇-1", batchFrom("龙河镇",
                record("household", "h-9", 1, "{\"number\":\"0088\"}"),
                record("person", "p-9", 1, "{\"household\":\"h-9\",\"birthDate\":\"1980-03-15\","
                        + "\"idNumber\":\"500230198003151087\"}"),
                enrollment("e-9", 1, "p-9", "paid", 2022, "2022-01-10", 32000, "2022-01-01"))));

        RecordResult corrected = hub.receive("龙河镇-1", batchFrom("龙河镇",
                record("person", "p-9", 2, "{\"household\":\"h-9\"," + ZHANG + "}"))).results().get(0);

        assertEquals("REJECTED DUPLICATE_ENROLLMENT", corrected.status() + " " + corrected.code());
        assertTrue(corrected.message().startsWith("此人已参加2022年度居民医保（兴义镇，设备兴义镇-1，"), corrected.message());
        // once 龙河镇 cancels its enrolment, the correction goes through
        assertAllAccepted(hub.receive("龙河镇-1", batchFrom("龙河镇",
                enrollment("e-9", 2, "p-9", "cancelled", 2022, "2022-01-10", 32000, "2022-01-01"),
                record("person", "p-9", 2, "{\"household\":\"h-9\"," + ZHANG + "}"))));
        assertEquals(java.util.Set.of(2022), hub.coveredYears(ZHANG_ID, null));
    }

    @Test
    void enrolmentWhoseAmountTheEngineDoesNotConfirmIsRejectedWithBothFigures() {
        BatchAnswer answer = hub.receive("兴义镇-1", batchFrom("兴义镇",
                record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                record("person", "p-1", 1, "{\"household\":\"h-1\"," + ZHANG + "}"),
                record("person_category", "c-1", 1, "{\"person\":\"p-1\",\"code\":\"DIBAO\",\"deleted\":false}"),
                enrollment("e-1", 1, "p-1", "paid", 2022, "2022-07-15", 3200, "2022-07-15"),
                enrollment("e-2", 1, "p-1", "paid", 2021, "2021-07-15", 0, "2021-07-15")));

        assertEquals(RecordResult.Status.ACCEPTED, answer.results().get(3).status(), answer.results()::toString);
        RecordResult wrong = answer.results().get(4);
        assertEquals("QUOTE_MISMATCH", wrong.code());
        assertEquals("应缴金额或待遇起始日与汇总端测算不一致：本机为0元、自2021-07-15起，汇总端按政策表2021.1测算为0元、2021-10-14",
                wrong.message());
    }

    // --- coverage history (POLICY.md, "The 2025 waiting rule") ---

    private static final String ZHANG_ID = "500230198003151079";

    /** An own, tier-1 enrolment whose payload carries the counter's quote snapshot ({@code quote}). */
    private static SyncRecord enrollment(String id, int revision, String person, String status, int year, String paid,
                                         long payableFen, String start, String quote) {
        return record("enrollment", id, revision, ("{\"person\":\"%s\",\"policyYear\":%d,\"status\":\"%s\","
                + "\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"%s\",\"payableFen\":%d,"
                + "\"benefitStart\":\"%s\",\"quote\":%s}").formatted(person, year, status, paid, payableFen, start,
                quote));
    }

    /** A snapshot of a counter that knew these covered years (offline: the hub was not reached). */
    private static String snapshotKnowing(int repairYears, Integer... covered) {
        String years = String.join(",", java.util.Arrays.stream(covered).map(String::valueOf).toList());
        String sources = String.join(",", java.util.Arrays.stream(covered)
                .map(y -> "{\"year\":" + y + ",\"source\":\"counter\"}").toList());
        return "{\"repairYears\":" + repairYears + ",\"history\":{\"coveredYears\":[" + years + "],\"sources\":["
                + sources + "],\"hub\":\"offline\"}}";
    }

    /** A snapshot of a counter that knew no history (no "history" key). */
    private static final String SNAPSHOT_WITHOUT_HISTORY = "{\"repairYears\":0}";

    /** 张三 on device 兴义镇-1 (person p-1) with a paid 2024 enrolment: 380 yuan from 2024-01-01. */
    private BatchAnswer zhangPaid2024AtXingyi() {
        BatchAnswer answer = hub.receive("兴义镇-1", batchFrom("兴义镇",
                record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                record("person", "p-1", 1, "{\"household\":\"h-1\"," + ZHANG + "}"),
                enrollment("e-2024", 1, "p-1", "paid", 2024, "2023-12-10", 38000, "2024-01-01",
                        SNAPSHOT_WITHOUT_HISTORY)));
        assertTrue(answer.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                answer.results()::toString);
        return answer;
    }

    /** 张三 again, as person p-9 of device 龙河镇-1, with a paid 2025 enrolment: 400 yuan from 2025-01-01. */
    private void zhangPaid2025AtLonghe() {
        BatchAnswer answer = hub.receive("龙河镇-1", batchFrom("龙河镇",
                record("household", "h-9", 1, "{\"number\":\"0088\"}"),
                record("person", "p-9", 1, "{\"household\":\"h-9\"," + ZHANG + "}"),
                enrollment("e-2025", 1, "p-9", "paid", 2025, "2024-12-10", 40000, "2025-01-01",
                        SNAPSHOT_WITHOUT_HISTORY)));
        assertTrue(answer.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                answer.results()::toString);
    }

    @Test
    void coveredYearsArePaidEnrolmentsOfThePersonFromEveryDeviceButNotCancelledOrDraftOnes() {
        zhangPaid2024AtXingyi();
        zhangPaid2025AtLonghe();
        // 2023 at 兴义镇, then cancelled; a 2026 draft (quoted, not paid) at 龙河镇
        BatchAnswer paid2023 = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2023", 1, "p-1", "paid", 2023, "2022-12-10", 35000, "2023-01-01", SNAPSHOT_WITHOUT_HISTORY)));
        assertEquals(RecordResult.Status.ACCEPTED, paid2023.results().get(0).status(), paid2023.results()::toString);
        assertEquals(new java.util.TreeSet<>(List.of(2023, 2024, 2025)), hub.coveredYears(ZHANG_ID, null));
        hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2023", 2, "p-1", "cancelled", 2023, "2022-12-10", 35000, "2023-01-01",
                        SNAPSHOT_WITHOUT_HISTORY)));
        BatchAnswer draft = hub.receive("龙河镇-1", batchFrom("龙河镇",
                enrollment("e-2026", 1, "p-9", "draft", 2026, "2025-12-15", 40000, "2026-01-01",
                        snapshotKnowing(0, 2024, 2025))));
        assertEquals(RecordResult.Status.ACCEPTED, draft.results().get(0).status(), draft.results()::toString);

        assertEquals(new java.util.TreeSet<>(List.of(2024, 2025)), hub.coveredYears(ZHANG_ID, null));
        assertEquals(java.util.Set.of(), hub.coveredYears("500230198207073877", null), "someone else");
        assertEquals(java.util.Set.of(), hub.coveredYears(null, "Q500123456"));
    }

    /** A renewal mark (续保) of {@code person} for {@code year}; 拒绝参保 carries a reason. */
    private static SyncRecord mark(String id, int revision, String person, int year, String kind, boolean deleted) {
        return record("person_mark", id, revision, ("{\"person\":\"%s\",\"policyYear\":%d,\"kind\":\"%s\",%s"
                + "\"markedOn\":\"2025-11-20\",\"deleted\":%b}").formatted(person, year, kind,
                kind.equals("refused") ? "\"reason\":\"不愿参保\"," : "", deleted));
    }

    /** 张三 as person p-9 of household h-9 at 龙河镇, uploaded with {@code records}. */
    private BatchAnswer zhangAtLonghe(SyncRecord... records) {
        List<SyncRecord> batch = new java.util.ArrayList<>(List.of(record("household", "h-9", 1, "{\"number\":\"0088\"}"),
                record("person", "p-9", 1, "{\"household\":\"h-9\"," + ZHANG + "}")));
        batch.addAll(List.of(records));
        return hub.receive("龙河镇-1", batchFrom("龙河镇", batch.toArray(SyncRecord[]::new)));
    }

    @Test
    void coveredYearsCountMarksOfEmployeeInsuranceOrInsuranceElsewhereFromAnyDevice() {
        zhangPaid2024AtXingyi();
        // 龙河镇 holds 张三 as its p-9: 职工医保 in 2023, 外地参保 in 2025; 拒绝参保 for 2026 covers nothing
        BatchAnswer marked = zhangAtLonghe(mark("m-2023", 1, "p-9", 2023, "employee_insurance", false),
                mark("m-2025", 1, "p-9", 2025, "elsewhere", false), mark("m-2026", 1, "p-9", 2026, "refused", false));
        assertTrue(marked.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                marked.results()::toString);

        assertEquals(new java.util.TreeSet<>(List.of(2023, 2024, 2025)), hub.coveredYears(ZHANG_ID, null));

        // the 2023 mark taken back at the counter (a later revision, deleted): no longer a covered year
        BatchAnswer withdrawn = hub.receive("龙河镇-1", batchFrom("龙河镇",
                mark("m-2023", 2, "p-9", 2023, "employee_insurance", true)));
        assertEquals(RecordResult.Status.ACCEPTED, withdrawn.results().get(0).status(), withdrawn.results()::toString);
        assertEquals(new java.util.TreeSet<>(List.of(2024, 2025)), hub.coveredYears(ZHANG_ID, null));
    }

    @Test
    void theCountysRenewalsStillToDoLeaveOutMarkedPersonsAsTheCountersWorklistDoes() {
        zhangPaid2024AtXingyi();
        assertEquals(1, renewalsToDo("兴义镇", 2025));
        // 拒绝参保 for 2025: no longer chased in 2025
        hub.receive("兴义镇-1", batchFrom("兴义镇", mark("m-1", 1, "p-1", 2025, "refused", false)));
        assertEquals(0, renewalsToDo("兴义镇", 2025));
        // taken back: chased again; 迁出 in 2024 holds for 2025 too
        hub.receive("兴义镇-1", batchFrom("兴义镇", mark("m-1", 2, "p-1", 2025, "refused", true)));
        assertEquals(1, renewalsToDo("兴义镇", 2025));
        hub.receive("兴义镇-1", batchFrom("兴义镇", mark("m-2", 1, "p-1", 2024, "moved_out", false)));
        assertEquals(0, renewalsToDo("兴义镇", 2025));
    }

    private long renewalsToDo(String township, int year) {
        return hub.progress(year, 7).townships().stream().filter(t -> t.township().equals(township))
                .mapToLong(CountyProgress.Township::renewalsToDo).sum();
    }

    @Test
    void quoteMismatchNamesAYearOnlyAnotherTownshipsMarkCovered() {
        // 兴义镇 knows 张三's 2024 only and counted 2025 as broken (from 2026-04-16); 龙河镇 had marked him
        // 外地参保 for 2025, which counts as covered: the hub's engine says 2026-01-01
        zhangPaid2024AtXingyi();
        zhangAtLonghe(mark("m-2025", 1, "p-9", 2025, "elsewhere", false));

        RecordResult wrong = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2026", 1, "p-1", "paid", 2026, "2025-12-15", 40000, "2026-04-16",
                        snapshotKnowing(0, 2024)))).results().get(0);

        assertEquals("QUOTE_MISMATCH", wrong.code(), wrong::toString);
        assertTrue(wrong.message().endsWith("汇总端记录该人2025年已参保，本机测算时未计入"), wrong.message());
        // told of 2025, the counter quotes again and is accepted
        RecordResult right = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2026", 1, "p-1", "paid", 2026, "2025-12-15", 40000, "2026-01-01",
                        snapshotKnowing(0, 2024, 2025)))).results().get(0);
        assertEquals(RecordResult.Status.ACCEPTED, right.status(), right::toString);
    }

    @Test
    void coveredYearsFindANewbornByBirthCertificate() {
        // born 2024-03-01, paid within 90 days: 380 yuan, covered from birth
        BatchAnswer answer = hub.receive("兴义镇-1", batchFrom("兴义镇",
                record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                record("person", "p-2", 1, "{\"household\":\"h-1\",\"birthDate\":\"2024-03-01\","
                        + "\"birthCertificateNo\":\"Q500123456\"}"),
                enrollment("e-b", 1, "p-2", "paid", 2024, "2024-03-10", 38000, "2024-03-01", SNAPSHOT_WITHOUT_HISTORY)));
        assertEquals(RecordResult.Status.ACCEPTED, answer.results().get(2).status(), answer.results()::toString);

        assertEquals(java.util.Set.of(2024), hub.coveredYears(null, "Q500123456"));
        assertEquals(java.util.Set.of(2024), hub.coveredYears(null, " q500123456 "), "as the counters write it");
        assertEquals(java.util.Set.of(), hub.coveredYears(null, "Q500999999"));
    }

    @Test
    void quoteMismatchNamesTheYearOnlyTheHubKnewWhenAnOfflineCounterCountedItAsBroken() {
        // 兴义镇 knows 张三's 2024 only and was offline: it counted 2025 as broken (400 yuan, from 2026-04-16)
        // while 龙河镇 had enrolled him for 2025; with 2025 the hub's engine says 2026-01-01
        zhangPaid2024AtXingyi();
        zhangPaid2025AtLonghe();

        RecordResult wrong = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2026", 1, "p-1", "paid", 2026, "2025-12-15", 40000, "2026-04-16",
                        snapshotKnowing(0, 2024)))).results().get(0);

        assertEquals(RecordResult.Status.REJECTED, wrong.status());
        assertEquals("QUOTE_MISMATCH", wrong.code());
        assertEquals("应缴金额或待遇起始日与汇总端测算不一致：本机为400元、自2026-04-16起，汇总端按政策表2026.1测算为"
                + "400元、2026-01-01；汇总端记录该人2025年已参保，本机测算时未计入", wrong.message());
    }

    @Test
    void quoteMismatchNamesTheHubsYearsWhenACounterWithoutHistoryMissedABreak() {
        // an offline counter that knew nothing of 张三 quoted no waiting (from 2026-01-01); the hub holds
        // 2024 but no 2025, so 2025 is broken: 3 + 1 months after payment
        zhangPaid2024AtXingyi();

        RecordResult wrong = hub.receive("龙河镇-1", batchFrom("龙河镇",
                record("household", "h-9", 1, "{\"number\":\"0088\"}"),
                record("person", "p-9", 1, "{\"household\":\"h-9\"," + ZHANG + "}"),
                enrollment("e-2026", 1, "p-9", "paid", 2026, "2025-12-15", 40000, "2026-01-01",
                        SNAPSHOT_WITHOUT_HISTORY))).results().get(2);

        assertEquals("QUOTE_MISMATCH", wrong.code());
        assertEquals("应缴金额或待遇起始日与汇总端测算不一致：本机为400元、自2026-01-01起，汇总端按政策表2026.1测算为"
                + "400元、2026-04-16；汇总端记录该人2024年已参保，本机测算时未计入", wrong.message());
    }

    @Test
    void enrolmentIsAcceptedWhenTheSnapshotsYearsAndTheHubsTogetherGiveItsFigures() {
        zhangPaid2024AtXingyi();
        zhangPaid2025AtLonghe();
        // a counter without history, but the hub holds 2024 and 2025: no break, 400 yuan from 2026-01-01
        BatchAnswer continuous = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2026", 1, "p-1", "paid", 2026, "2025-12-15", 40000, "2026-01-01",
                        SNAPSHOT_WITHOUT_HISTORY)));

        assertEquals(RecordResult.Status.ACCEPTED, continuous.results().get(0).status(), continuous.results()::toString);
    }

    @Test
    void enrolmentPayingBackABrokenYearIsAcceptedWithTheSnapshotsRepair() {
        // the counter knew 2024 (2025 broken) and the person paid 2025 back: 400 + 400 yuan, 3 months' wait
        zhangPaid2024AtXingyi();

        BatchAnswer repaired = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2026", 1, "p-1", "paid", 2026, "2025-12-15", 80000, "2026-03-16",
                        snapshotKnowing(1, 2024))));
        BatchAnswer unrepaired = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2026", 2, "p-1", "paid", 2026, "2025-12-15", 80000, "2026-03-16",
                        snapshotKnowing(0, 2024))));

        assertEquals(RecordResult.Status.ACCEPTED, repaired.results().get(0).status(), repaired.results()::toString);
        RecordResult wrong = unrepaired.results().get(0);
        assertEquals("QUOTE_MISMATCH", wrong.code());
        assertEquals("应缴金额或待遇起始日与汇总端测算不一致：本机为800元、自2026-03-16起，汇总端按政策表2026.1测算为"
                + "400元、2026-04-16", wrong.message(), "no year only the hub knew: the message as before");
    }

    @Test
    void snapshotWhoseHistoryIsNotAListOfYearsIsMalformed() {
        zhangPaid2024AtXingyi();

        RecordResult malformed = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-2026", 1, "p-1", "paid", 2026, "2025-12-15", 40000, "2026-01-01",
                        "{\"repairYears\":0,\"history\":{\"coveredYears\":[\"2025年\"]}}"))).results().get(0);

        assertEquals("MALFORMED", malformed.code());
    }

    @Test
    void historyEndpointAnswersTheYearsOfPaidEnrolmentsUploadedByTwoDevices() throws Exception {
        try (HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
            java.net.URI address = java.net.URI.create("http://127.0.0.1:" + server.port());
            SyncClient xingyi = new SyncClient(address, hub.registerDevice("兴义镇-1"), java.time.Duration.ofSeconds(10));
            SyncClient longhe = new SyncClient(address, hub.registerDevice("龙河镇-1"), java.time.Duration.ofSeconds(10));
            assertTrue(xingyi.upload(batchFrom("兴义镇",
                    record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                    record("person", "p-1", 1, "{\"household\":\"h-1\"," + ZHANG + "}"),
                    enrollment("e-2024", 1, "p-1", "paid", 2024, "2023-12-10", 38000, "2024-01-01",
                            SNAPSHOT_WITHOUT_HISTORY),
                    enrollment("e-2023", 1, "p-1", "paid", 2023, "2022-12-10", 35000, "2023-01-01",
                            SNAPSHOT_WITHOUT_HISTORY),
                    enrollment("e-2023", 2, "p-1", "cancelled", 2023, "2022-12-10", 35000, "2023-01-01",
                            SNAPSHOT_WITHOUT_HISTORY)))
                    .results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED));
            assertTrue(longhe.upload(batchFrom("龙河镇",
                    record("household", "h-9", 1, "{\"number\":\"0088\"}"),
                    record("person", "p-9", 1, "{\"household\":\"h-9\"," + ZHANG + "}"),
                    enrollment("e-2025", 1, "p-9", "paid", 2025, "2024-12-10", 40000, "2025-01-01",
                            snapshotKnowing(0, 2024))))
                    .results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED));

            assertEquals(new java.util.TreeSet<>(List.of(2024, 2025)), xingyi.coveredYears(ZHANG_ID, null),
                    "2024 from this device, 2025 from the other; the cancelled 2023 not");
            assertEquals(new java.util.TreeSet<>(List.of(2024, 2025)), longhe.coveredYears(ZHANG_ID, "Q1"),
                    "asked by ID number when there is one");
            assertEquals(java.util.Set.of(), longhe.coveredYears(null, "Q500123456"));
        }
    }

    // --- hostile peers: a device speaks for its own township and its own records ---

    /** 张三's household, person and paid 2022 enrolment (320 yuan from 2022-01-01), as 兴义镇-1 uploads them. */
    private static final SyncRecord[] XINGYI_FAMILY = {
            record("household", "h-1", 1, "{\"number\":\"0012\",\"village\":\"兴义村\"}"),
            record("person", "p-1", 1, "{\"household\":\"h-1\",\"name\":\"张三\"," + ZHANG + "}"),
            enrollment("e-1", 1, "p-1", "paid", 2022, "2022-01-10", 32000, "2022-01-01")};

    private static void assertAllAccepted(BatchAnswer answer) {
        assertTrue(answer.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                answer.results()::toString);
    }

    @Test
    void revisionFromAnotherDeviceIsRefusedNamingTheOwnerAndTheOwnersOwnRevisionIsAccepted() {
        hub.registerDevice("兴义镇-1", "兴义镇");
        hub.registerDevice("柏梓镇-1", "柏梓镇");
        assertAllAccepted(hub.receive("兴义镇-1", batchFrom("兴义镇", XINGYI_FAMILY)));
        List<java.util.Map<String, Object>> before = hub.stats();

        // before the fix: ACCEPTED, the county's 2022 figures dropped, and the household moved to 柏梓镇
        BatchAnswer hostile = hub.receive("柏梓镇-1", batchFrom("柏梓镇",
                enrollment("e-1", 2, "p-1", "cancelled", 2022, "2022-01-10", 32000, "2022-01-01"),
                record("household", "h-1", 2, "{\"number\":\"0012\",\"village\":\"柏梓村\"}")));

        assertEquals(List.of("REJECTED NOT_OWNER", "REJECTED NOT_OWNER"), hostile.results().stream()
                .map(r -> r.status() + " " + r.code()).toList());
        assertEquals("记录 enrollment/e-1 由兴义镇的设备兴义镇-1首次上传，只能由该设备修改；本设备（柏梓镇的柏梓镇-1）的修改未接收",
                hostile.results().get(0).message());
        assertTrue(hub.verify(hostile));
        assertEquals(before, hub.stats(), "statistics unchanged");
        assertEquals(List.of(java.util.Map.of("township", "兴义镇", "policyYear", 2022, "households", 1L,
                "persons", 1L, "enrollments", 1L)), before);

        // before the fix the owner's real revision 2 then got CONFLICT
        BatchAnswer own = hub.receive("兴义镇-1", batchFrom("兴义镇",
                enrollment("e-1", 2, "p-1", "cancelled", 2022, "2022-01-10", 32000, "2022-01-01"),
                record("household", "h-1", 2, "{\"number\":\"0012\",\"village\":\"兴义村\",\"group\":\"3组\"}")));
        assertAllAccepted(own);
        assertEquals(List.of(), hub.stats(), "the owner's cancellation counts");
    }

    @Test
    void batchNamingATownshipNotTheTokensIsRefusedWholeAndKeepsNothing() {
        hub.registerDevice("柏梓镇-1", "柏梓镇");
        UploadBatch foreign = batchFrom("兴义镇", XINGYI_FAMILY);

        Hub.Refusal refusal = assertThrows(Hub.Refusal.class, () -> hub.receive("柏梓镇-1", foreign));

        assertEquals(403, refusal.status());
        assertEquals("本设备（柏梓镇-1）的令牌属于柏梓镇，不能上传乡镇为“兴义镇”的批次；整批未接收", refusal.getMessage());
        assertEquals(List.of(), hub.stats());
        // nothing of it was kept: not the records, not the batch id (its owner may still send it)
        hub.registerDevice("兴义镇-1", "兴义镇");
        assertAllAccepted(hub.receive("兴义镇-1", foreign));
    }

    @Test
    void deviceRegisteredWithoutATownshipIsBoundByItsFirstBatch() {
        hub.registerDevice("旧设备-1");
        assertEquals(Optional.empty(), hub.townshipOf("旧设备-1"));

        assertAllAccepted(hub.receive("旧设备-1", batchFrom("兴义镇", XINGYI_FAMILY)));

        assertEquals(Optional.of("兴义镇"), hub.townshipOf("旧设备-1"));
        assertEquals(403, assertThrows(Hub.Refusal.class, () -> hub.receive("旧设备-1", batchFrom("柏梓镇",
                record("household", "h-9", 1, "{\"number\":\"0088\"}")))).status());
        hub.registerDevice("旧设备-1");
        assertEquals(Optional.of("兴义镇"), hub.townshipOf("旧设备-1"), "a new token keeps the township");
        hub.registerDevice("旧设备-1", "柏梓镇");
        assertEquals(Optional.of("柏梓镇"), hub.townshipOf("旧设备-1"), "unless the county names another");
        RecordResult moved = hub.receive("旧设备-1", batchFrom("柏梓镇",
                record("household", "h-1", 2, "{\"number\":\"0012\"}"))).results().get(0);
        assertEquals("NOT_OWNER", moved.code(), "its 兴义镇 records stay 兴义镇's");
    }

    @Test
    void storedAnswerIsGivenOnlyToTheDeviceThatSentTheBatch() {
        UploadBatch batch = batchFrom("兴义镇", XINGYI_FAMILY);
        BatchAnswer first = hub.receive("兴义镇-1", batch);

        Hub.Refusal refusal = assertThrows(Hub.Refusal.class, () -> hub.receive("兴义镇-2", batch));

        assertEquals(409, refusal.status());
        assertEquals("这个批次编号已由另一台设备使用，其结果只给该设备；请用新的批次编号上传", refusal.getMessage());
        assertEquals(first, hub.receive("兴义镇-1", batch), "its sender still gets it");
    }

    @Test
    void townshipAndBatchIdAreBoundedPlainText() {
        for (String township : java.util.Arrays.asList("不存在镇<script>", "兴义镇>", "兴义镇\u0000", "兴义\u202e镇",
                " 兴义镇", "兴义镇\n", "", " ", null, "镇".repeat(51))) {
            Hub.Refusal refusal = assertThrows(Hub.Refusal.class,
                    () -> hub.receive("兴义镇-1", batchFrom(township, XINGYI_FAMILY)), String.valueOf(township));
            assertEquals(400, refusal.status());
            assertEquals("上传批次的乡镇名称不合规：须为1至50个字，前后无空格，不含控制字符和“<”“>”；整批未接收",
                    refusal.getMessage());
        }
        assertAllAccepted(hub.receive("兴义镇-1", batchFrom("镇".repeat(50), XINGYI_FAMILY)));
        for (String batchId : java.util.Arrays.asList("", "b".repeat(37), "b\u0007")) {
            assertEquals(400, assertThrows(Hub.Refusal.class, () -> hub.receive("兴义镇-1", new UploadBatch(batchId,
                    "d", "兴义镇", "王芳", List.of(XINGYI_FAMILY)))).status());
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> hub.registerDevice("柏梓镇-1", "不存在镇<script>"));
        assertEquals("设备名称和乡镇名称须为1至50个字，前后无空格，不含控制字符和“<”“>”", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hub.registerDevice("柏梓镇\u0000", "柏梓镇"));
        assertEquals(Optional.empty(), hub.townshipOf("柏梓镇-1"), "no device was made");
    }

    @Test
    void databaseErrorInOneRecordIsUndoneAndTheRestOfTheBatchIsStored() throws Exception {
        // a rule the hub does not know of makes the second household's row fail in the database itself; on
        // PostgreSQL that aborts the whole transaction unless each record has its savepoint
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE UNIQUE INDEX test_one_household_a_township ON hub_household (township)");
        }

        BatchAnswer answer = hub.receive("兴义镇-1", batchFrom("兴义镇",
                record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                record("household", "h-2", 1, "{\"number\":\"0013\"}"),
                record("person", "p-1", 1, "{\"household\":\"h-1\"," + ZHANG + "}")));

        assertEquals(List.of("ACCEPTED", "REJECTED MALFORMED", "ACCEPTED"), answer.results().stream()
                .map(r -> r.code() == null ? r.status().name() : r.status() + " " + r.code()).toList());
        assertEquals("记录 household/h-2 第1版汇总端无法读取或核对，未接收；请核对后以新版本重新上传",
                answer.results().get(1).message());
        assertTrue(hub.verify(answer));
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url());
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT id FROM sync_record ORDER BY id")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            assertEquals(List.of("h-1", "p-1"), ids, "the failed record left no row behind");
        }
    }

    @Test
    void devicesFromBeforeTokensNamedATownshipAreBoundToTheTownshipOfTheirRecords() throws Exception {
        try (java.sql.Connection connection = hubOfVersion("3");
             java.sql.Statement statement = connection.createStatement()) {
            for (String device : List.of("兴义镇-1", "两镇-1", "新设备-1")) {
                statement.execute("INSERT INTO device (name, token_hash, created_at) VALUES ('" + device + "', '"
                        + canbao.model.Sha256.hex(device) + "', '2025-01-01T00:00:00Z')");
            }
            String[][] uploaded = {{"h-1", "兴义镇-1", "兴义镇"}, {"h-2", "兴义镇-1", "兴义镇"},
                    {"h-3", "两镇-1", "兴义镇"}, {"h-4", "两镇-1", "柏梓镇"}};
            for (String[] row : uploaded) {
                statement.execute("INSERT INTO sync_record (entity, id, revision, content_hash, payload, device, "
                        + "township, batch_id, received_at) VALUES ('household', '" + row[0] + "', 1, 'x', '{}', '"
                        + row[1] + "', '" + row[2] + "', 'b', '2025-01-01T00:00:00Z')");
            }
        }

        hub = Hub.open(url(), Clock.systemUTC());

        assertEquals(Optional.of("兴义镇"), hub.townshipOf("兴义镇-1"));
        assertEquals(Optional.of(""), hub.townshipOf("两镇-1"), "records of two townships: bound to none");
        assertEquals(Optional.empty(), hub.townshipOf("新设备-1"), "never uploaded: its first batch binds it");
        Hub.Refusal refusal = assertThrows(Hub.Refusal.class, () -> hub.receive("两镇-1", batchFrom("兴义镇",
                record("household", "h-5", 1, "{\"number\":\"0015\"}"))));
        assertEquals(403, refusal.status());
        assertTrue(refusal.getMessage().contains("hub token --device 两镇-1 --township"), refusal.getMessage());
    }

    @Test
    void enrolmentsThatAlreadyDuplicateEachOtherSurviveTheUpgradeAndTheFirstKeepsItsPlace() throws Exception {
        // before V20 a corrected ID number could leave one person enrolled twice for a year
        try (java.sql.Connection connection = hubOfVersion("5");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO hub_person (id, household_id, identity, revision) VALUES ('p-1', 'h-1', '"
                    + ZHANG_ID + "', 1), ('p-9', 'h-9', '" + ZHANG_ID + "', 2)");
            statement.execute("INSERT INTO hub_enrollment (id, person_id, policy_year, status, device, township, "
                    + "received_at, revision) VALUES ('e-1', 'p-1', 2022, 'paid', '兴义镇-1', '兴义镇', "
                    + "'2025-01-01T00:00:00Z', 1), ('e-9', 'p-9', 2022, 'paid', '龙河镇-1', '龙河镇', "
                    + "'2025-02-01T00:00:00Z', 1)");
        }

        hub = Hub.open(url(), Clock.systemUTC());

        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url());
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(
                     "SELECT id, person_identity, unchecked_duplicate FROM hub_enrollment ORDER BY id")) {
            List<String> kept = new java.util.ArrayList<>();
            while (rows.next()) {
                kept.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getInt(3));
            }
            assertEquals(List.of("e-1 " + ZHANG_ID + " 0", "e-9 " + ZHANG_ID + " 1"), kept);
        }
        assertEquals(java.util.Set.of(2022), hub.coveredYears(ZHANG_ID, null));
    }

    @Test
    void householdsHeldBeforeTheVillageColumnGetTheVillageOfTheirLatestRevisionOnUpgrade() throws Exception {
        try (java.sql.Connection connection = hubOfVersion("20");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO hub_household (id, township, revision) VALUES ('h-1', '兴义镇', 2), "
                    + "('h-2', '兴义镇', 1)");
            held(statement, "household", "h-1", 1, "{\"village\":\"一村\"}");
            held(statement, "household", "h-1", 2, "{\"village\":\"三村\"}");
            held(statement, "household", "h-2", 1, "{\"number\":\"0002\"}");
        }

        hub = Hub.open(url(), Clock.systemUTC());

        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url());
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT id, village FROM hub_household ORDER BY id")) {
            List<String> villages = new java.util.ArrayList<>();
            while (rows.next()) {
                villages.add(rows.getString(1) + " " + rows.getString(2));
            }
            assertEquals(List.of("h-1 三村", "h-2 null"), villages, "the latest revision's village; none given, none");
        }
    }

    @Test
    void marksHeldBeforeTheirProjectionCountInTheHistoryAfterTheUpgrade() throws Exception {
        // a hub of before V31 kept marks only as uploaded: revision 1 外地参保 2025, then revision 2 for 2024;
        // a 职工医保 mark taken back (deleted); a person_mark whose payload is not JSON is passed over
        try (java.sql.Connection connection = hubOfVersion("30");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO hub_person (id, household_id, identity, revision) VALUES ('p-9', 'h-9', '"
                    + ZHANG_ID + "', 1)");
            held(statement, "person_mark", "m-1", 1,
                    "{\"person\":\"p-9\",\"policyYear\":2025,\"kind\":\"elsewhere\",\"deleted\":false}");
            held(statement, "person_mark", "m-1", 2,
                    "{\"person\":\"p-9\",\"policyYear\":2024,\"kind\":\"elsewhere\",\"deleted\":false}");
            held(statement, "person_mark", "m-2", 1,
                    "{\"person\":\"p-9\",\"policyYear\":2023,\"kind\":\"employee_insurance\",\"deleted\":true}");
            held(statement, "person_mark", "m-3", 1, "not json");
        }

        hub = Hub.open(url(), Clock.systemUTC());

        assertEquals(java.util.Set.of(2024), hub.coveredYears(ZHANG_ID, null));
    }

    /**
     * An empty database migrated to the hub schema of {@code version} (an older hub's), the open hub closed:
     * a connection to put the older hub's rows in, before {@code Hub.open} migrates it on.
     */
    private java.sql.Connection hubOfVersion(String version) throws Exception {
        hub.close();
        hub = null;
        empty();
        org.flywaydb.core.Flyway.configure().dataSource(url(), null, null).locations("classpath:db/hub").target(version)
                .javaMigrations(new V22__HouseholdVillage(), new V32__MarkProjection()).load().migrate();
        return java.sql.DriverManager.getConnection(url());
    }

    /** A record an older hub accepted, as it kept it (the payload as given). */
    private static void held(java.sql.Statement statement, String entity, String id, int revision, String payload)
            throws java.sql.SQLException {
        statement.execute("INSERT INTO sync_record (entity, id, revision, content_hash, payload, device, township, "
                + "batch_id, received_at) VALUES ('" + entity + "', '" + id + "', " + revision + ", 'x', '" + payload
                + "', '兴义镇-1', '兴义镇', 'b', '2025-01-01T00:00:00Z')");
    }

    private static UploadBatch batchFrom(String township, SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), "device", township, "王芳", List.of(records));
    }

    /** Issue 18: the 医保电子凭证 code a counter scanned is kept with the person's latest revision, shown masked. */
    @Test
    void aPersonsInsuranceCodeIsKeptFromItsLatestRevisionAndShownMasked() {
        String person = "{\"household\":\"h-1\",\"name\":\"张三\",\"idNumber\":\"500230198003151079\"";
        BatchAnswer answer = hub.receive("兴义镇-1", batch(
                record("household", "h-1", 1, "{\"number\":\"0012\"}"),
                record("person", "p-1", 1, person + "}"),
                record("person", "p-1", 2, person + ",\"insuranceCode\":\"E3A1F0C9B7D24C5E8A11\"}"),
                record("person", "p-2", 1, "{\"household\":\"h-1\",\"name\":\"李四\","
                        + "\"idNumber\":\"500230198207073877\",\"insuranceCode\":\"E3A1F0C9 <b>\"}")));

        assertEquals(List.of("ACCEPTED", "ACCEPTED", "ACCEPTED", "REJECTED"), answer.results().stream()
                .map(r -> r.status().name()).toList());
        assertEquals("insuranceCode: 须为1至128个字母、数字或 : . _ / = + -", answer.results().get(3).message());
        assertEquals(Optional.of("E3A1************8A11"), hub.maskedInsuranceCode("p-1"));
        assertEquals(Optional.empty(), hub.maskedInsuranceCode("p-2"));

        // a later revision without a code: the hub holds what the latest says
        hub.receive("兴义镇-1", batch(record("person", "p-1", 3, person + "}")));
        assertEquals(Optional.empty(), hub.maskedInsuranceCode("p-1"));
    }

    private static SyncRecord record(String entity, String id, int revision, String payload) {
        return new SyncRecord(entity, id, revision, payload);
    }

    private static UploadBatch batch(SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), "device-1", "兴义镇", "王芳", List.of(records));
    }
}
