package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
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

    private static UploadBatch batchFrom(String township, SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), "device", township, "王芳", List.of(records));
    }

    private static SyncRecord record(String entity, String id, int revision, String payload) {
        return new SyncRecord(entity, id, revision, payload);
    }

    private static UploadBatch batch(SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), "device-1", "兴义镇", "王芳", List.of(records));
    }
}
