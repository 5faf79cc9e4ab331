package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.sync.HubFailure;
import canbao.sync.SyncClient;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's gzip probes, as made: bodies that unpack far beyond what they weigh, sent to a real hub on
 * 127.0.0.1, and a "hub" (a raw HTTP server) whose answer unpacks to 3 GiB. Each is a clear refusal —
 * 413 or 503 from the hub, an {@link SyncClient.AnswerTooLargeException} at the counter — never a 500,
 * never an out-of-memory error.
 */
class GzipBombTest {

    @TempDir
    Path folder;

    /** One gzip member of {@code megabytes} MB of zeros (≈ 1 KB a megabyte); members concatenated are one stream. */
    private static byte[] zeros(int megabytes) throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                gzip.write(block);
            }
        }
        return packed.toByteArray();
    }

    @Test
    void aBatchThatUnpacksPastTheBoundIs413AndTwentyFourAtOnceNeverA500() throws Exception {
        try (Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
             HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
            String token = hub.registerDevice("兴义镇-1");
            URI batches = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/batches");
            HttpClient http = HttpClient.newHttpClient();
            byte[] bomb = zeros(64);
            assertTrue(bomb.length < 100_000, "64 MB in " + bomb.length + " bytes");

            HttpResponse<String> refused = post(http, batches, token, bomb);

            assertEquals(413, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("解压后超过33554432字节"), refused.body());

            // the probe: 24 bodies at once unpacking to 155 MB between them (6.5 MB each, under the bound)
            byte[] nearTheBound = zeros(6);
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try {
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    sent.add(pool.submit(() -> post(http, batches, token, nearTheBound)));
                }
                for (Future<HttpResponse<String>> answer : sent) {
                    int status = answer.get().statusCode();
                    assertTrue(status == 400 || status == 503, status + " " + answer.get().body());
                    if (status == 503) {
                        assertEquals("5", answer.get().headers().firstValue("Retry-After").orElse(""));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }

    @Test
    void anAnswerThatUnpacksToThreeGibibytesIsAClearErrorAtTheCounter() throws Exception {
        byte[] member = zeros(64);
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/api/v1/health", exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 48; i++) {
                    out.write(member);
                }
            } catch (java.io.IOException clientHungUp) {
                // the counter stops reading once it has seen enough
            }
        });
        fake.createContext("/api/v1/policy", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] block = new byte[1 << 20];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3 * 1024; i++) {
                    out.write(block);
                }
            } catch (java.io.IOException clientHungUp) {
                // likewise
            }
        });
        fake.start();
        try {
            SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()), "t",
                    Duration.ofSeconds(60));

            SyncClient.AnswerTooLargeException packed = assertThrows(SyncClient.AnswerTooLargeException.class,
                    client::checkHealth);
            assertThrows(SyncClient.AnswerTooLargeException.class, client::policyIndex);

            assertEquals("汇总端的回答超过16 MB，已放弃（汇总端出错，或者不是真正的汇总端）；记录仍在本机待传",
                    HubFailure.describe(packed, Localization.CHINESE));
        } finally {
            fake.stop(0);
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI batches, String token, byte[] gzip)
            throws Exception {
        return http.send(HttpRequest.newBuilder(batches).header("Authorization", "Bearer " + token)
                .header("Content-Encoding", "gzip").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
