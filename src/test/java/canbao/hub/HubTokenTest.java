package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.Sha256;
import canbao.sync.HubFailure;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may talk to the hub: the health check is open; every other address takes a device's token or a
 * county operator's; a revoked token gets 401 telling the clerk to ask the county; only hashes are kept.
 */
class HubTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Hub hub;
    private HubServer server;
    private URI address;
    private String xingyi;
    private String baizi;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        address = URI.create("http://127.0.0.1:" + server.port());
        xingyi = hub.registerDevice("兴义镇-1", "兴义镇");
        baizi = hub.registerDevice("柏梓镇-1", "柏梓镇");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        hub.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static UploadBatch family(String township, int number) {
        String household = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        String id = number == 1 ? "500230198003151079" : "500230198207073877";
        return new UploadBatch(UUID.randomUUID().toString(), township + "-1", township, "王芳", List.of(
                new SyncRecord("household", household, 1, "{\"number\":\"00" + number + "\",\"village\":\"村\"}"),
                new SyncRecord("person", person, 1, "{\"household\":\"" + household + "\",\"name\":\"张三\","
                        + "\"birthDate\":\"" + id.substring(6, 10) + "-" + id.substring(10, 12) + "-"
                        + id.substring(12, 14) + "\",\"idNumber\":\"" + id + "\"}"),
                new SyncRecord("enrollment", UUID.randomUUID().toString(), 1, "{\"person\":\"" + person
                        + "\",\"policyYear\":2022,\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,"
                        + "\"paymentDate\":\"2022-01-10\",\"payableFen\":32000,\"benefitStart\":\"2022-01-01\"}")));
    }

    private SyncClient client(String token) {
        return new SyncClient(address, token, Duration.ofSeconds(10));
    }

    @Test
    void healthIsOpenAndStatisticsTakeAToken() throws Exception {
        client(xingyi).upload(family("兴义镇", 1));
        client(baizi).upload(family("柏梓镇", 2));
        String operator = hub.registerOperator("区县医保局-李科长");

        assertEquals(200, get("/api/v1/health", null).statusCode());
        HttpResponse<String> anonymous = get("/api/v1/stats", null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("设备令牌无效或缺失：请用 hub token 为本设备生成令牌",
                JSON.readTree(anonymous.body()).get("error").asText());
        assertEquals(401, get("/api/v1/stats", "not-a-token").statusCode());
        assertEquals(401, get("/api/v1/policy", null).statusCode());
        assertEquals(401, get("/api/v1/no-such-address", null).statusCode(), "nothing is said to a stranger");

        HttpResponse<String> county = get("/api/v1/stats", operator);
        assertEquals(200, county.statusCode());
        assertEquals(JSON.readTree("""
                {"stats":[{"township":"兴义镇","policyYear":2022,"households":1,"persons":1,"enrollments":1},
                          {"township":"柏梓镇","policyYear":2022,"households":1,"persons":1,"enrollments":1}]}"""),
                JSON.readTree(county.body()), "the county operator reads every township");
        HttpResponse<String> own = get("/api/v1/stats", xingyi);
        assertEquals(200, own.statusCode());
        assertEquals(JSON.readTree("""
                {"stats":[{"township":"兴义镇","policyYear":2022,"households":1,"persons":1,"enrollments":1}]}"""),
                JSON.readTree(own.body()), "a device's token speaks for its own township only");
        assertEquals(200, get("/api/v1/policy", operator).statusCode());
    }

    @Test
    void aRevokedTokenGets401TellingTheClerkToAskTheCounty() throws Exception {
        assertEquals(RecordResult.Status.ACCEPTED, client(xingyi).upload(family("兴义镇", 1)).results().get(0).status());

        assertTrue(hub.revokeDevice("兴义镇-1"));

        SyncClient.HubRefusedException refused = assertThrows(SyncClient.HubRefusedException.class,
                () -> client(xingyi).upload(family("兴义镇", 2)));
        assertEquals(401, refused.status());
        String said = "本设备（兴义镇-1）的令牌已被区县停用：请向区县医保局申请新的设备令牌，记录仍在本机待传";
        assertEquals("401: " + said, refused.getMessage());
        assertEquals("401: " + said, HubFailure.describe(refused, Localization.CHINESE));
        assertEquals(401, assertThrows(SyncClient.HubRefusedException.class,
                () -> client(xingyi).coveredYears("500230198003151079", null)).status());
        assertEquals(said, JSON.readTree(get("/api/v1/stats", xingyi).body()).get("error").asText());
        assertEquals(200, get("/api/v1/health", xingyi).statusCode());
        assertTrue(hub.deviceFor(xingyi).isEmpty());
        assertEquals(RecordResult.Status.ACCEPTED, client(baizi).upload(family("柏梓镇", 2)).results().get(0).status(),
                "other devices go on");

        String renewed = hub.registerDevice("兴义镇-1", "兴义镇");
        assertEquals(RecordResult.Status.ACCEPTED, client(renewed).upload(family("兴义镇", 2)).results().get(0).status(),
                "the county's new token works");
        assertEquals(401, assertThrows(SyncClient.HubRefusedException.class,
                () -> client(xingyi).upload(family("兴义镇", 1))).status(), "the old one never again");
        assertTrue(hub.revokeDevice("兴义镇-1"), "revoking twice says it is revoked");
        assertFalse(hub.revokeDevice("no-such-device"));
    }

    @Test
    void anOperatorReadsButUploadsNothingAndCanBeRevoked() throws Exception {
        String operator = hub.registerOperator("区县医保局-李科长");

        SyncClient.HubRefusedException upload = assertThrows(SyncClient.HubRefusedException.class,
                () -> client(operator).upload(family("兴义镇", 1)));
        assertEquals(403, upload.status());
        assertEquals(403, assertThrows(SyncClient.HubRefusedException.class,
                () -> client(operator).coveredYears("500230198003151079", null)).status());

        assertTrue(hub.revokeOperator("区县医保局-李科长"));
        HttpResponse<String> revoked = get("/api/v1/stats", operator);
        assertEquals(401, revoked.statusCode());
        assertEquals("操作员区县医保局-李科长的令牌已被停用：请向汇总端管理员申请新的令牌",
                JSON.readTree(revoked.body()).get("error").asText());
        assertFalse(hub.revokeOperator("兴义镇-1"), "a device is not an operator");
    }

    @Test
    void theHubKeepsOnlyHashesOfTokens() throws Exception {
        String operator = hub.registerOperator("区县医保局-李科长");
        hub.revokeDevice("柏梓镇-1");
        List<String> stored = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("hub.db"))) {
            for (String table : List.of("device", "hub_operator", "hub_setting")) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                            stored.add(String.valueOf(rows.getString(column)));
                        }
                    }
                }
            }
        }
        for (String token : List.of(xingyi, baizi, operator)) {
            assertFalse(stored.stream().anyMatch(value -> value.contains(token)), "no token in the clear");
            assertTrue(stored.contains(Sha256.hex(token)), "its SHA-256 is what the hub looks up");
        }
    }
}
