package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.policy.ResidentId;
import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncClient;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the county's operations need of a hub: its health says whether the database answers, a stop lets batches finish, one log line per batch. */
class HubOperationsTest {

    @TempDir
    Path folder;

    @Test
    void healthSaysWhenTheDatabaseDoesNotAnswer() throws Exception {
        Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        try (HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
            URI health = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/health");
            assertEquals(200, get(health).statusCode());

            hub.close(); // the database gone from under a running server

            HttpResponse<String> down = get(health);
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("\"status\":\"unavailable\""), down.body());
            assertTrue(down.body().contains("\"error\":\"汇总端的数据库没有应答，请稍后重试\""), down.body());
        }
    }

    @Test
    void gracefulStopAnswersTheBatchInFlightAndTakesNoNewOne() throws Exception {
        String url = "jdbc:sqlite:" + folder.resolve("hub.db");
        try (Hub hub = Hub.open(url, Clock.systemUTC())) {
            HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
            URI address = URI.create("http://127.0.0.1:" + server.port());
            SyncClient client = new SyncClient(address, hub.registerDevice("兴义镇-1"), Duration.ofSeconds(20));
            CompletableFuture<BatchAnswer> upload;
            long stopping;
            // another writer holds the database: the batch is inside the hub, waiting for it, when the stop comes
            try (java.sql.Connection writer = java.sql.DriverManager.getConnection(url);
                 java.sql.Statement statement = writer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                upload = CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.upload(batch(new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\"}")));
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(1_500);
                assertFalse(upload.isDone());
                stopping = System.nanoTime();
                CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
                    try {
                        server.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(1_000);
                assertFalse(stop.isDone(), "the stop waits for the batch");
                statement.execute("ROLLBACK");
                stop.get(10, TimeUnit.SECONDS);
            }
            assertTrue(System.nanoTime() - stopping > TimeUnit.MILLISECONDS.toNanos(900), "the stop waited for it");
            BatchAnswer answer = upload.get(10, TimeUnit.SECONDS);
            assertEquals(RecordResult.Status.ACCEPTED, answer.results().get(0).status());
            assertThrows(IOException.class, () -> client.upload(batch(new SyncRecord("household", "h-2", 1,
                    "{\"number\":\"0013\"}"))), "no new batch after the stop");
        }
    }

    @Test
    void oneLogLinePerBatchWithCountsAndTimeButNoIdNumberOrName() throws Exception {
        String first17 = "50023019800315107";
        String idNumber = first17 + ResidentId.checkCharacter(first17);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC())) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                hub.receive("兴义镇-1", new UploadBatch(UUID.randomUUID().toString(), "d", "兴义镇", "王芳", List.of(
                        new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\"}"),
                        new SyncRecord("person", "p-1", 1, "{\"household\":\"h-1\",\"name\":\"张三\",\"idNumber\":\""
                                + idNumber + "\",\"birthDate\":\"1980-03-15\"}"),
                        new SyncRecord("person", "p-2", 1, "{\"household\":\"h-1\",\"name\":\"李四\","
                                + "\"birthDate\":\"1980-02-30\"}"))));
            } finally {
                System.setErr(original);
            }
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().filter(line -> line.contains("batch from device")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).matches(".*batch from device 兴义镇-1 of 兴义镇: 3 records, 2 accepted, 0 duplicate, "
                + "0 conflict, 1 rejected, \\d+ ms.*"), lines.get(0));
        assertFalse(log.contains(idNumber), log);
        assertFalse(log.contains("张三") || log.contains("李四") || log.contains("王芳"), log);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static UploadBatch batch(SyncRecord... records) {
        return new UploadBatch(UUID.randomUUID().toString(), "d", "兴义镇", "王芳", List.of(records));
    }
}
