package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncClient;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real hub on 127.0.0.1 and a real client. */
class HubServerTest {

    private static final long LIMIT = 16 * 1024;

    @TempDir
    Path folder;

    private Hub hub;
    private HubServer server;
    private URI address;
    private String token;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        server = new HubServer(hub, "127.0.0.1", 0, LIMIT).start();
        address = URI.create("http://127.0.0.1:" + server.port());
        token = hub.registerDevice("兴义镇-1");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        hub.close();
    }

    @Test
    void deviceUploadsABatchAndAResendGetsTheSameSignedAnswer() throws Exception {
        SyncClient client = new SyncClient(address, token, Duration.ofSeconds(10));
        UploadBatch batch = batch(new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\",\"village\":\"兴义村\"}"));

        BatchAnswer first = client.upload(batch);
        BatchAnswer again = client.upload(batch);

        assertEquals(RecordResult.Status.ACCEPTED, first.results().get(0).status());
        assertEquals(first, again);
        assertTrue(hub.verify(again));
    }

    @Test
    void requestWithoutAValidTokenGets401WithAReason() {
        SyncClient stranger = new SyncClient(address, "not-a-token", Duration.ofSeconds(10));

        SyncClient.HubRefusedException refused = assertThrows(SyncClient.HubRefusedException.class,
                () -> stranger.upload(batch(new SyncRecord("household", "h-1", 1, "{}"))));

        assertEquals(401, refused.status());
        assertTrue(refused.getMessage().contains("设备令牌无效"), refused.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // before the fix the client waited for the rest of the answer forever
    void hubStallingHalfwayThroughItsAnswerIsGivenUpOnWithinTheTimeLimit() throws Exception {
        // a proxy that sends the headers and the first bytes of the answer, then nothing
        try (HubServer stalling = new HubServer(hub, "127.0.0.1", 0, LIMIT, hubHandler ->
                new org.eclipse.jetty.server.Handler.Abstract() {
                    @Override
                    public boolean handle(org.eclipse.jetty.server.Request request,
                                          org.eclipse.jetty.server.Response response,
                                          org.eclipse.jetty.util.Callback callback) {
                        response.setStatus(200);
                        response.getHeaders().put("Content-Length", 1000);
                        response.write(false, java.nio.ByteBuffer.wrap("{\"batchId\":".getBytes()),
                                org.eclipse.jetty.util.Callback.NOOP);
                        return true; // the callback is never completed: the answer stalls
                    }
                }).start()) {
            SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + stalling.port()), token,
                    Duration.ofSeconds(1));
            long start = System.nanoTime();

            assertThrows(java.net.http.HttpTimeoutException.class,
                    () -> client.upload(batch(new SyncRecord("household", "h-1", 1, "{}"))));

            assertTrue(System.nanoTime() - start < 5_000_000_000L, "given up on after about the time limit");
        }
    }

    @Test
    void batchOverTheLimitGets413ButGzipKeepsOrdinaryBatchesUnderIt() throws Exception {
        SyncClient client = new SyncClient(address, token, Duration.ofSeconds(10));
        List<SyncRecord> compressible = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            compressible.add(new SyncRecord("person", "p-" + i, 1, "{\"name\":\"张三\",\"village\":\"兴义村\"}"));
        }
        UploadBatch ordinary = batch(compressible.toArray(SyncRecord[]::new));
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(ordinary).length > LIMIT,
                "the batch is over the limit as plain JSON");
        assertEquals(200, client.upload(ordinary).results().size(), "but under it compressed");

        List<SyncRecord> noise = new ArrayList<>();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 400; i++) {
            noise.add(new SyncRecord("person", UUID.randomUUID().toString(), 1,
                    "{\"note\":\"" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + "\"}"));
        }
        SyncClient.HubRefusedException refused = assertThrows(SyncClient.HubRefusedException.class,
                () -> client.upload(batch(noise.toArray(SyncRecord[]::new))));
        assertEquals(413, refused.status());
    }

    @Test
    void devicesRegisteredWhileOthersUploadDoNotBreakTheUploads() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<BatchAnswer>> uploads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String township = "镇" + t;
            String deviceToken = hub.registerDevice(township);
            uploads.add(pool.submit(() -> {
                List<SyncRecord> records = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    records.add(new SyncRecord("household", UUID.randomUUID().toString(), 1, "{\"n\":" + i + "}"));
                }
                return new SyncClient(address, deviceToken, Duration.ofSeconds(30)).upload(new UploadBatch(
                        UUID.randomUUID().toString(), township, township, "王芳", records));
            }));
            // registering the next device writes while the earlier ones upload
        }
        for (var upload : uploads) {
            assertTrue(upload.get().results().stream().allMatch(r -> r.status().delivered()));
        }
        pool.shutdown();
    }

    @Test
    void healthAnswersForTheConnectivityCheck() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(address.resolve("/api/v1/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
    }

    // --- POST /api/v1/history ---

    private static final String ZHANG_ID = "500230198003151079";

    /** 张三 with a paid 2024 enrolment (380 yuan from 2024-01-01), uploaded by this test's device. */
    private void uploadZhangPaid2024() throws Exception {
        BatchAnswer answer = new SyncClient(address, token, Duration.ofSeconds(10)).upload(batch(
                new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\"}"),
                new SyncRecord("person", "p-1", 1, "{\"household\":\"h-1\",\"name\":\"张三\","
                        + "\"birthDate\":\"1980-03-15\",\"idNumber\":\"" + ZHANG_ID + "\"}"),
                new SyncRecord("enrollment", "e-1", 1, "{\"person\":\"p-1\",\"policyYear\":2024,"
                        + "\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"2023-12-10\","
                        + "\"payableFen\":38000,\"benefitStart\":\"2024-01-01\",\"quote\":{\"repairYears\":0}}")));
        assertTrue(answer.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                answer.results()::toString);
    }

    /** A history question as raw HTTP: the body as given, a bearer token when not null. */
    private HttpResponse<String> askHistory(String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve("/api/v1/history"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void historyAnswersTheYearsForTheDevicesToken() throws Exception {
        uploadZhangPaid2024();

        HttpResponse<String> answer = askHistory(token, "{\"idNumber\":\"" + ZHANG_ID + "\"}");

        assertEquals(200, answer.statusCode());
        assertEquals("{\"years\":[2024]}", answer.body());
        assertEquals(java.util.Set.of(2024), new SyncClient(address, hub.registerDevice("龙河镇-1"),
                Duration.ofSeconds(10)).coveredYears(ZHANG_ID, null), "any registered device may ask");
    }

    @Test
    void historyWithoutATokenOrWithAWrongOneGets401() throws Exception {
        uploadZhangPaid2024();

        HttpResponse<String> withoutToken = askHistory(null, "{\"idNumber\":\"" + ZHANG_ID + "\"}");
        HttpResponse<String> wrongToken = askHistory(token + "x", "{\"idNumber\":\"" + ZHANG_ID + "\"}");
        SyncClient.HubRefusedException refused = assertThrows(SyncClient.HubRefusedException.class,
                () -> new SyncClient(address, "not-a-token", Duration.ofSeconds(10)).coveredYears(ZHANG_ID, null));

        assertEquals(401, withoutToken.statusCode());
        assertTrue(withoutToken.body().contains("设备令牌无效"), withoutToken.body());
        assertEquals(401, wrongToken.statusCode());
        assertFalse(wrongToken.body().contains("2024"), "no years without a valid token");
        assertEquals(401, refused.status());
    }

    @Test
    void historyQuestionWithoutExactlyOneIdentityGets400InChinese() throws Exception {
        String expected = "{\"error\":\"查询格式不正确：须为 JSON，且只给出 idNumber 或 birthCertificateNo 之一（不超过32个字符）\"}";
        for (String body : List.of("{}", "{\"name\":\"张三\"}", "{\"idNumber\":\"\"}", "{\"idNumber\":null}",
                "{\"idNumber\":500230198003151079}", "[\"" + ZHANG_ID + "\"]", "", "not json",
                "{\"idNumber\":\"" + ZHANG_ID + "\",\"birthCertificateNo\":\"Q500123456\"}",
                "{\"idNumber\":\"" + "5".repeat(33) + "\"}",
                // broken JSON quoting the number: Jackson's own message would repeat it
                "{\"idNumber\":\"" + ZHANG_ID + "\" \"")) {
            HttpResponse<String> answer = askHistory(token, body);

            assertEquals(400, answer.statusCode(), body);
            assertEquals(expected, answer.body(), body);
        }
    }

    @Test
    void historyQuestionOverFourKilobytesGets413() throws Exception {
        HttpResponse<String> answer = askHistory(token, "{\"idNumber\":\"" + ZHANG_ID + "\",\"note\":\""
                + "x".repeat(HubServer.MAX_HISTORY_BYTES) + "\"}");

        assertEquals(413, answer.statusCode());
        assertEquals("{\"error\":\"查询内容超过4096字节\"}", answer.body());
    }

    @Test
    void idNumberAppearsInNoLogOutputAndInNoAddress() throws Exception {
        List<String> addresses = java.util.Collections.synchronizedList(new ArrayList<>());
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        java.io.PrintStream out = System.out;
        java.io.PrintStream capture = new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try (HubServer watched = new HubServer(hub, "127.0.0.1", 0, LIMIT, hubHandler ->
                new org.eclipse.jetty.server.Handler.Wrapper(hubHandler) {
                    @Override
                    public boolean handle(org.eclipse.jetty.server.Request request,
                                          org.eclipse.jetty.server.Response response,
                                          org.eclipse.jetty.util.Callback callback) throws Exception {
                        addresses.add(request.getHttpURI().toString());
                        return super.handle(request, response, callback);
                    }
                }).start()) {
            URI watchedAddress = URI.create("http://127.0.0.1:" + watched.port());
            // the capture sees what the hub's logger (logback, to System.err) writes
            org.slf4j.LoggerFactory.getLogger(HubServer.class).warn("capture check");
            uploadZhangPaid2024();
            SyncClient client = new SyncClient(watchedAddress, token, Duration.ofSeconds(10));

            assertEquals(java.util.Set.of(2024), client.coveredYears(ZHANG_ID, null));
            assertThrows(SyncClient.HubRefusedException.class,
                    () -> new SyncClient(watchedAddress, "wrong", Duration.ofSeconds(10)).coveredYears(ZHANG_ID, null));
            for (String body : List.of("{\"idNumber\":\"" + ZHANG_ID + "\" \"", "{\"idNumber\":\"" + ZHANG_ID
                    + "\",\"birthCertificateNo\":\"Q1\"}", "{\"idNumber\":[\"" + ZHANG_ID + "\"]}")) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                watchedAddress.resolve("/api/v1/history")).header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, answer.statusCode());
                assertFalse(answer.body().contains(ZHANG_ID), answer.body());
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String output = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(output.contains("capture check"), output);
        assertFalse(output.contains(ZHANG_ID), output);
        assertFalse(output.contains(ZHANG_ID.substring(6, 14)), "not even the birth date part: " + output);
        assertEquals(5, addresses.size(), addresses::toString);
        assertTrue(addresses.stream().allMatch(a -> a.endsWith("/api/v1/history") && !a.contains("1980")),
                addresses::toString);
    }

    private static UploadBatch batch(SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), "device-1", "兴义镇", "王芳", List.of(records));
    }
}
