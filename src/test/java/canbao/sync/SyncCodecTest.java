package canbao.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.device.WedgeScan;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.model.Localization;
import canbao.model.MarkKind;
import canbao.model.Tier;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.CardNotes;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.OutboxQueue;
import canbao.service.PersonMarks;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one sync codec (issue 14) end to end: what the real counter queues (HouseholdService, CardNotes,
 * PersonMarks on a SQLite data folder) is what a real hub on 127.0.0.1 reads and accepts; an answer
 * with fields the counter does not know is read; a record without its tier is MALFORMED, never 一档; the
 * batch's protocol version; and the scanned 医保电子凭证 code travelling with its person (issue 18).
 */
class SyncCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZHANG_ID = "500230198003151079";
    private static final String LI_ID = "500230198207073877";
    private static final String CODE = "E3A1F0C9B7D24C5E8A11";

    @TempDir
    Path folder;

    private Database counter;
    private HouseholdService households;
    private OutboxQueue queue;
    private Hub hub;
    private HubServer server;
    private String token;

    @BeforeEach
    void start() throws Exception {
        counter = Database.open(folder.resolve("counter"), TestKeys.KEY);
        WorkplaceSettings settings = new WorkplaceSettings(counter);
        Workplace workplace = new Workplace("兴义镇", "500230", "王芳");
        settings.save(workplace);
        households = new HouseholdService(counter, PolicyLibrary.builtIn(), new QuoteEngine(Localization.CHINESE),
                Clock.systemUTC());
        queue = new OutboxQueue(counter, workplace, settings.deviceId().orElseThrow(), Clock.systemUTC());
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        token = hub.registerDevice("兴义镇-1", "兴义镇");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        hub.close();
        counter.close();
    }

    private static HouseholdEntry.Member member(String name, String idNumber, String relation, String... categories) {
        return new HouseholdEntry.Member(name, idNumber, null, null, relation, "汉",
                java.util.Arrays.stream(categories).map(c -> new HouseholdEntry.Category(c, "民政办", null)).toList(),
                null, null,
                new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null));
    }

    /** 张三 and 李四 (低保) of household 0012, each enrolled for 2022 in 一档; returns 张三's person id. */
    private String saveFamily() {
        var saved = households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                member("张三", ZHANG_ID, "户主"), member("李四", LI_ID, "配偶", "DIBAO"))), "王芳");
        assertTrue(saved.isValid(), saved.problems().toString());
        return saved.value().members().get(0).person().id();
    }

    private Uploader uploader(int port) {
        return new Uploader(queue, new SyncClient(URI.create("http://127.0.0.1:" + port), token, Duration.ofSeconds(10)),
                Clock.systemUTC(), wait -> { }, 100);
    }

    private List<String[]> outbox() {
        return counter.jdbi().withHandle(h -> h.createQuery("SELECT entity, payload, status FROM outbox ORDER BY seq")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list());
    }

    private String hubValue(String sql, String argument) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("hub.db"));
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, argument);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** A code typed by a wedge scanner: a key every 4 ms, then Enter. */
    private static WedgeScan.Result scan(String code) {
        WedgeScan wedge = new WedgeScan();
        long nanos = 1_000_000_000L;
        for (char c : code.toCharArray()) {
            wedge.key(c, nanos);
            nanos += 4_000_000L;
        }
        return wedge.enter(nanos);
    }

    @Test
    void realOutboxOutputOfEveryEntityIsReadByTheCodecAndAcceptedByARealHub() throws Exception {
        String zhang = saveFamily();
        new PersonMarks(counter, Clock.systemUTC()).mark(zhang, 2026, MarkKind.MOVED_OUT, null,
                LocalDate.of(2025, 11, 18), "王芳");
        new CardNotes(counter).record(List.of(new CardNotes.Note(zhang, CODE, null, null)), "王芳", Instant.now());
        List<String[]> queued = outbox();
        assertEquals(List.of("household", "person", "person", "person_category", "enrollment", "enrollment",
                        "person_mark", "person"), queued.stream().map(row -> row[0]).toList());

        for (String[] row : queued) {
            // the counter's payloads are the codec's: read back and written again, byte for byte
            UploadRecord read = SyncCodec.read(row[0], JSON.readTree(row[1]));
            assertEquals(row[0], read.entity());
            assertEquals(row[1], SyncCodec.write(read));
        }
        Uploader.Summary summary = uploader(server.port()).uploadAll(Duration.ofSeconds(30));

        assertEquals(queued.size(), summary.uploaded(), summary.toString());
        assertEquals(0, summary.pending());
        assertTrue(outbox().stream().allMatch(row -> row[2].equals("uploaded")));
        assertEquals(String.valueOf(queued.size()), hubValue(
                "SELECT count(*) FROM sync_record WHERE device = ?", "兴义镇-1"));
    }

    /**
     * A newer hub may add fields to its answer and to each result: the counter reads what it knows and
     * goes on (before, Jackson's strict default failed every upload and the counter retried forever).
     */
    @Test
    void anAnswerWithFieldsTheCounterDoesNotKnowIsRead() throws Exception {
        saveFamily();
        HttpServer newerHub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        newerHub.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + exchange.getRequestURI()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Authorization", "Content-Type", "Content-Encoding")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            try {
                HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(forward.build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                ObjectNode extended = (ObjectNode) JSON.readTree(answer.body());
                extended.put("protocol", 7).putObject("hubInfo").put("version", "9.0");
                for (JsonNode result : extended.get("results")) {
                    ((ObjectNode) result).put("hint", "新字段").put("retryAfter", 3);
                }
                byte[] bytes = JSON.writeValueAsBytes(extended);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        newerHub.start();
        try {
            long queued = queue.pending();

            Uploader.Summary summary = uploader(newerHub.getAddress().getPort()).uploadAll(Duration.ofSeconds(30));

            assertEquals(null, summary.stoppedBy());
            assertEquals(queued, summary.uploaded());
            assertEquals(0, summary.pending());
            String kept = counter.jdbi().withHandle(h -> h.createQuery("SELECT answer FROM upload_receipt")
                    .mapTo(String.class).one());
            BatchAnswer answer = SyncCodec.readAnswer(kept);
            assertTrue(hub.verify(answer), "the signature covers what the counter read and kept");
        } finally {
            newerHub.stop(0);
        }
    }

    @Test
    void aRealEnrolmentWithoutItsTierIsMalformedAtTheHubNeverTierOne() throws Exception {
        saveFamily();
        // as a broken or hostile counter would send it: the real row without its tier
        counter.jdbi().useHandle(h -> h.execute(
                "UPDATE outbox SET payload = json_remove(payload, '$.tier') WHERE entity = 'enrollment'"));
        String withoutTier = counter.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM outbox WHERE entity = 'enrollment' LIMIT 1").mapTo(String.class).one());
        MalformedRecord read = assertThrows(MalformedRecord.class,
                () -> SyncCodec.read(UploadRecord.ENROLLMENT, JSON.readTree(withoutTier)));
        assertEquals("tier", read.field());
        assertEquals("缺少必填项", read.reason(Localization.CHINESE));

        Uploader.Summary summary = uploader(server.port()).uploadAll(Duration.ofSeconds(30));

        assertEquals(2, summary.rejected(), summary.toString());
        List<String> refused = counter.jdbi().withHandle(h -> h.createQuery(
                "SELECT hub_code || ' ' || hub_message FROM outbox WHERE status = 'rejected'").mapTo(String.class).list());
        assertEquals(List.of("MALFORMED tier: 缺少必填项", "MALFORMED tier: 缺少必填项"), refused);
        assertEquals("0", hubValue("SELECT count(*) FROM hub_enrollment WHERE township = ?", "兴义镇"));
        // a cancelled one or one covered with a guardian needs none
        ObjectNode cancelled = (ObjectNode) JSON.readTree(withoutTier);
        cancelled.put("status", "cancelled");
        UploadRecord.Enrollment readCancelled = (UploadRecord.Enrollment) SyncCodec.read(UploadRecord.ENROLLMENT,
                cancelled);
        assertEquals(null, readCancelled.tier());
        ObjectNode withTier = (ObjectNode) JSON.readTree(withoutTier);
        withTier.put("tier", 2);
        assertEquals(Tier.TWO, ((UploadRecord.Enrollment) SyncCodec.read(UploadRecord.ENROLLMENT, withTier)).tier());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/batches"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String batchJson(String extra, String recordExtra) {
        return "{\"batchId\":\"" + UUID.randomUUID() + "\",\"deviceId\":\"兴义镇-1\",\"township\":\"兴义镇\","
                + "\"operator\":\"王芳\"" + extra + ",\"records\":[{\"entity\":\"household\",\"id\":\"" + UUID.randomUUID()
                + "\",\"revision\":1" + recordExtra + ",\"payload\":\"{\\\"number\\\":\\\"0012\\\",\\\"colour\\\":\\\"蓝\\\"}\"}]}";
    }

    @Test
    void aBatchSaysItsProtocolVersionAndTheHubRefusesANewerOneWhole() throws Exception {
        UploadBatch made = new UploadBatch("b-1", "兴义镇-1", "兴义镇", "王芳", List.of());
        assertEquals(SyncCodec.PROTOCOL_VERSION, made.protocol());
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        SyncCodec.writeBatch(written, made);
        assertEquals(1, JSON.readTree(written.toByteArray()).get("protocol").asInt(), "sent in every batch");

        // an older counter's batch says no version: it speaks version 1, and is read as before
        HttpResponse<String> old = post(batchJson("", ""));
        assertEquals(200, old.statusCode(), old.body());
        assertEquals("ACCEPTED", JSON.readTree(old.body()).get("results").get(0).get("status").asText());
        // fields the hub does not know, in the batch, a record or a payload, are ignored
        HttpResponse<String> extra = post(batchJson(",\"protocol\":1,\"shift\":\"早班\"", ",\"checksum\":\"abc\""));
        assertEquals(200, extra.statusCode(), extra.body());
        assertEquals("ACCEPTED", JSON.readTree(extra.body()).get("results").get(0).get("status").asText());

        HttpResponse<String> newer = post(batchJson(",\"protocol\":2", ""));
        assertEquals(400, newer.statusCode());
        assertEquals("本汇总端使用同步协议第1版，该批次为第2版：请先升级县汇总端；整批未接收",
                JSON.readTree(newer.body()).get("error").asText());
        SyncClient.HubRefusedException refused = assertThrows(SyncClient.HubRefusedException.class,
                () -> new SyncClient(URI.create("http://127.0.0.1:" + server.port()), token, Duration.ofSeconds(5))
                        .upload(new UploadBatch("b-2", "兴义镇-1", "兴义镇", "王芳", List.of(), 9)));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("第9版"), refused.getMessage());
    }

    /**
     * Issue 18: a code scanned at the counter (a wedge scanner's keys) is kept as the person's card note,
     * queued with the person's next revision and stored by the hub; the audit log and the hub's display
     * hold it masked, the logs not at all.
     */
    @Test
    void aScannedInsuranceCodeTravelsWithItsPersonToTheHubAndIsShownMasked() throws Exception {
        String zhang = saveFamily();
        WedgeScan.Result scanned = scan(CODE);
        assertEquals(WedgeScan.Kind.INSURANCE_CODE, scanned.kind());
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(logged, true, StandardCharsets.UTF_8));
        Uploader.Summary summary;
        try {
            new CardNotes(counter).record(List.of(new CardNotes.Note(zhang, scanned.text(), null, null)), "王芳",
                    Instant.now());
            summary = uploader(server.port()).uploadAll(Duration.ofSeconds(30));
        } finally {
            System.setErr(err);
        }

        String queuedPerson = counter.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM outbox WHERE entity = 'person' AND entity_id = ? AND revision = 2")
                .bind(0, zhang).mapTo(String.class).one());
        assertEquals(CODE, ((UploadRecord.Person) SyncCodec.read(UploadRecord.PERSON, JSON.readTree(queuedPerson)))
                .insuranceCode());
        assertEquals(0, summary.pending());
        assertEquals(0, summary.rejected(), summary.toString());
        assertEquals(CODE, hubValue("SELECT insurance_code FROM hub_person WHERE id = ?", zhang));
        assertEquals(java.util.Optional.of("E3A1************8A11"), hub.maskedInsuranceCode(zhang));
        String audit = counter.jdbi().withHandle(h -> String.join("\n", h.createQuery(
                "SELECT after FROM audit_log WHERE entity_id = ?").bind(0, zhang).mapTo(String.class).list()));
        assertTrue(audit.contains("E3A1************8A11"), audit);
        assertFalse(audit.contains(CODE), "the audit log keeps the code masked");
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains(CODE), "never logged in clear");

        // a later change of the person keeps the code; a person without one carries none
        var again = households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                new HouseholdEntry.Member("张三", ZHANG_ID, null, null, "户主", "土家", List.of(), null, null,
                        null))),
                "王芳");
        assertTrue(again.isValid(), again.problems().toString());
        assertEquals(0, uploader(server.port()).uploadAll(Duration.ofSeconds(30)).rejected());
        assertEquals("3", hubValue("SELECT revision FROM hub_person WHERE id = ?", zhang));
        assertEquals(CODE, hubValue("SELECT insurance_code FROM hub_person WHERE id = ?", zhang));
        String li = hubValue("SELECT id FROM hub_person WHERE identity = ?", LI_ID);
        assertEquals(null, hubValue("SELECT insurance_code FROM hub_person WHERE id = ?", li));
        assertEquals(java.util.Optional.empty(), hub.maskedInsuranceCode(li));
    }
}
