package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncClient;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's probes of a hostile peer, as they were run: a real hub on 127.0.0.1 with a SQLite file,
 * devices with their own tokens, raw HTTP where the answer's status and body are the point.
 */
class HostilePeerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZHANG_ID = "500230198003151079";

    @TempDir
    Path folder;

    private Hub hub;
    private HubServer server;
    private URI address;
    /** 兴义镇's counter, which enrols 张三. */
    private String xingyi;
    /** 柏梓镇's counter: a peer with a valid token, for another township. */
    private String baizi;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        address = URI.create("http://127.0.0.1:" + server.port());
        xingyi = hub.registerDevice("兴义镇-1", "兴义镇");
        baizi = hub.registerDevice("柏梓镇-1", "柏梓镇");
        countyOperator = hub.registerOperator("区县医保局");
    }

    /** A county operator's token: reads the statistics of every township. */
    private String countyOperator;

    @AfterEach
    void stop() throws Exception {
        server.close();
        hub.close();
    }

    private static SyncRecord enrollment(int revision, String status) {
        return new SyncRecord("enrollment", "e-1", revision, ("{\"person\":\"p-1\",\"policyYear\":2022,\"status\":\"%s\","
                + "\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"2022-01-10\",\"payableFen\":32000,"
                + "\"benefitStart\":\"2022-01-01\"}").formatted(status));
    }

    private static UploadBatch batch(String township, SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), township + "-1", township, "王芳", List.of(records));
    }

    /** 兴义镇-1 uploads 张三's household, person and paid 2022 enrolment. */
    private void xingyiEnrolsZhang() throws Exception {
        BatchAnswer answer = client(xingyi).upload(batch("兴义镇",
                new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\",\"village\":\"兴义村\"}"),
                new SyncRecord("person", "p-1", 1, "{\"household\":\"h-1\",\"name\":\"张三\","
                        + "\"birthDate\":\"1980-03-15\",\"idNumber\":\"" + ZHANG_ID + "\"}"),
                enrollment(1, "paid")));
        assertTrue(answer.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                answer.results()::toString);
    }

    private SyncClient client(String token) {
        return new SyncClient(address, token, Duration.ofSeconds(10));
    }

    private HttpResponse<String> post(String token, Object batch) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(address.resolve("/api/v1/batches"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The county's statistics over every township, as its operator reads them. */
    private String stats() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                address.resolve("/api/v1/stats")).header("Authorization", "Bearer " + countyOperator).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private long stored(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("hub.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void anotherTownshipsDeviceCannotCancelAnEnrolmentNorMoveAHousehold() throws Exception {
        xingyiEnrolsZhang();
        String before = stats();
        assertEquals(canonical("{\"stats\":[{\"township\":\"兴义镇\",\"policyYear\":2022,\"households\":1,"
                + "\"persons\":1,\"enrollments\":1}]}"), canonical(before));

        // the probe: 柏梓镇-1 sends revision 2 of 兴义镇's enrolment, cancelled, and a revision 2 of the household
        BatchAnswer hostile = client(baizi).upload(batch("柏梓镇", enrollment(2, "cancelled"),
                new SyncRecord("household", "h-1", 2, "{\"number\":\"0012\",\"village\":\"柏梓村\"}")));

        for (RecordResult refused : hostile.results()) {
            assertEquals(RecordResult.Status.REJECTED, refused.status());
            assertEquals("NOT_OWNER", refused.code());
            assertTrue(refused.message().contains("由兴义镇的设备兴义镇-1首次上传"), refused.message());
        }
        assertEquals(canonical(before), canonical(stats()), "the county's statistics are unchanged");
        assertEquals(0, stored("SELECT count(*) FROM sync_record WHERE revision = 2"));

        // the owner's real revision 2 (a receipt number added) is accepted, not a conflict
        BatchAnswer own = client(xingyi).upload(batch("兴义镇", new SyncRecord("enrollment", "e-1", 2,
                "{\"person\":\"p-1\",\"policyYear\":2022,\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,"
                        + "\"paymentDate\":\"2022-01-10\",\"payableFen\":32000,\"benefitStart\":\"2022-01-01\","
                        + "\"receiptNo\":\"R-0012\"}")));
        assertEquals(RecordResult.Status.ACCEPTED, own.results().get(0).status(), own.results()::toString);
        assertTrue(hub.verify(own));
        assertEquals(canonical(before), canonical(stats()));
    }

    /** JSON as a tree: equal whatever the order of its keys. */
    private static com.fasterxml.jackson.databind.JsonNode canonical(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void batchNamingAnotherTownshipIsRefusedWholeWith403NamingBoth() throws Exception {
        xingyiEnrolsZhang();
        long held = stored("SELECT count(*) FROM sync_record");

        HttpResponse<String> answer = post(baizi, batch("兴义镇",
                new SyncRecord("household", "h-9", 1, "{\"number\":\"0099\"}"),
                new SyncRecord("person", "p-9", 1, "{\"household\":\"h-9\",\"name\":\"王五\"}")));

        assertEquals(403, answer.statusCode());
        assertEquals("{\"error\":\"本设备（柏梓镇-1）的令牌属于柏梓镇，不能上传乡镇为“兴义镇”的批次；整批未接收\"}", answer.body());
        assertEquals(held, stored("SELECT count(*) FROM sync_record"), "nothing of the batch is kept");
        SyncClient.HubRefusedException refused = org.junit.jupiter.api.Assertions.assertThrows(
                SyncClient.HubRefusedException.class, () -> client(baizi).upload(batch("兴义镇",
                        new SyncRecord("household", "h-9", 1, "{\"number\":\"0099\"}"))));
        assertEquals(403, refused.status(), "the counter stops at once: no retry of a refused batch");
    }

    @Test
    void townshipThatIsNotAPlainNameIsRefused() throws Exception {
        String token = hub.registerDevice("测试-1");
        for (String township : List.of("不存在镇<script>", "兴义镇\u0000", "镇".repeat(51), " 兴义镇")) {
            HttpResponse<String> answer = post(token, batch(township,
                    new SyncRecord("household", "h-9", 1, "{\"number\":\"0099\"}")));

            assertEquals(400, answer.statusCode(), township);
            assertEquals("{\"error\":\"上传批次的乡镇名称不合规：须为1至50个字，前后无空格，不含控制字符和“<”“>”；整批未接收\"}",
                    answer.body());
        }
        assertEquals(0, stored("SELECT count(*) FROM sync_record"));
        assertEquals(java.util.Optional.empty(), hub.townshipOf("测试-1"), "a refused batch binds nothing");
    }

    @Test
    void storedAnswerOfABatchIsReturnedOnlyToTheDeviceThatSentIt() throws Exception {
        UploadBatch batch = batch("兴义镇", new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\"}"));
        BatchAnswer first = client(xingyi).upload(batch);
        String otherXingyi = hub.registerDevice("兴义镇-2", "兴义镇");

        HttpResponse<String> replayed = post(otherXingyi, batch);

        assertEquals(409, replayed.statusCode());
        assertEquals("{\"error\":\"这个批次编号已由另一台设备使用，其结果只给该设备；请用新的批次编号上传\"}", replayed.body());
        assertFalse(replayed.body().contains(first.signature()));
        // and the stolen batch id is no way into 兴义镇 for 柏梓镇 either: its township is refused first
        assertEquals(403, post(baizi, batch).statusCode());
        assertEquals(first, client(xingyi).upload(batch), "its sender gets the stored answer");
    }

    @Test
    void hubTokenCommandIssuesATokenForOneTownship() throws Exception {
        String url = "jdbc:sqlite:" + folder.resolve("hub.db");
        java.lang.reflect.Method run = Class.forName("canbao.Main").getDeclaredMethod("run", String[].class);
        run.setAccessible(true);

        assertEquals(0, run.invoke(null, (Object) new String[] {"hub", "token", "--db", url, "--device", "龙河镇-1",
                "--township", "龙河镇"}));
        assertEquals(64, run.invoke(null, (Object) new String[] {"hub", "token", "--db", url, "--device", "龙河镇-2"}),
                "a token names its township");
        assertEquals(64, run.invoke(null, (Object) new String[] {"hub", "token", "--db", url, "--device", "龙河镇-3",
                "--township", "不存在镇<script>"}));

        assertEquals(java.util.Optional.of("龙河镇"), hub.townshipOf("龙河镇-1"));
        assertEquals(java.util.Optional.empty(), hub.townshipOf("龙河镇-3"));
    }
}
