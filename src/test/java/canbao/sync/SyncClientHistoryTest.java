package canbao.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.hub.Hub;
import canbao.hub.HubServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link SyncClient#coveredYears}: a real hub on 127.0.0.1, and hubs that misbehave in front of it. */
class SyncClientHistoryTest {

    private static final String ZHANG_ID = "500230198003151079";

    @TempDir
    Path folder;

    private Hub hub;
    private String token;

    @BeforeEach
    void open() {
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        token = hub.registerDevice("兴义镇-1");
        BatchAnswer answer = hub.receive("兴义镇-1", new UploadBatch(UUID.randomUUID().toString(), "兴义镇-1", "兴义镇",
                "王芳", List.of(
                new SyncRecord("household", "h-1", 1, "{\"number\":\"0012\"}"),
                new SyncRecord("person", "p-1", 1, "{\"household\":\"h-1\",\"birthDate\":\"1980-03-15\","
                        + "\"idNumber\":\"" + ZHANG_ID + "\"}"),
                new SyncRecord("enrollment", "e-1", 1, "{\"person\":\"p-1\",\"policyYear\":2025,\"status\":\"paid\","
                        + "\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"2024-12-10\",\"payableFen\":40000,"
                        + "\"benefitStart\":\"2025-01-01\",\"quote\":{\"repairYears\":0}}"))));
        assertTrue(answer.results().stream().allMatch(r -> r.status() == RecordResult.Status.ACCEPTED),
                answer.results()::toString);
    }

    @AfterEach
    void close() {
        hub.close();
    }

    /** What answers in place of the real hub. */
    private interface FakeHub {
        boolean handle(Request request, Response response, Callback callback) throws Exception;
    }

    private HubServer serve(FakeHub fake) throws Exception {
        return new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES, real -> new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return fake.handle(request, response, callback);
            }
        }).start();
    }

    private static URI at(HubServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Test
    void coveredYearsAreAskedInThePostBodyNeverInTheAddress() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES,
                real -> new Handler.Wrapper(real) {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        seen.add(request.getMethod() + " " + request.getHttpURI());
                        return super.handle(request, response, callback);
                    }
                }).start()) {
            SyncClient client = new SyncClient(at(server), token, Duration.ofSeconds(10));

            assertEquals(Set.of(2025), client.coveredYears(ZHANG_ID, null));
            assertEquals(Set.of(2025), client.coveredYears(" " + ZHANG_ID + " ", "Q500123456"),
                    "the ID number when there is one");
            assertEquals(Set.of(), client.coveredYears(null, "Q500123456"));
        }
        assertEquals(3, seen.size(), seen::toString);
        assertTrue(seen.stream().allMatch(s -> s.startsWith("POST ") && s.endsWith("/api/v1/history")),
                seen::toString);
        assertFalse(seen.toString().contains(ZHANG_ID), seen::toString);
    }

    @Test
    void askingWithNeitherNumberIsAMistakeOfTheCaller() {
        SyncClient client = new SyncClient(URI.create("http://127.0.0.1:9"), token, Duration.ofSeconds(1));

        assertThrows(IllegalArgumentException.class, () -> client.coveredYears(null, " "));
    }

    @Test
    void refusalsAreHubRefusedExceptionsWithTheHubsReason() throws Exception {
        try (HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
            SyncClient.HubRefusedException unauthorized = assertThrows(SyncClient.HubRefusedException.class,
                    () -> new SyncClient(at(server), "wrong", Duration.ofSeconds(10)).coveredYears(ZHANG_ID, null));

            assertEquals(401, unauthorized.status());
            assertTrue(unauthorized.getMessage().contains("设备令牌无效"), unauthorized.getMessage());
        }
        try (HubServer failing = serve((request, response, callback) -> {
            response.setStatus(503);
            response.write(true, ByteBuffer.wrap("{\"error\":\"汇总端维护中\"}".getBytes(StandardCharsets.UTF_8)),
                    callback);
            return true;
        })) {
            SyncClient.HubRefusedException unavailable = assertThrows(SyncClient.HubRefusedException.class,
                    () -> new SyncClient(at(failing), token, Duration.ofSeconds(10)).coveredYears(ZHANG_ID, null));

            assertEquals(503, unavailable.status());
            assertEquals("503: 汇总端维护中", unavailable.getMessage());
        }
    }

    @Test
    void unreachableHubIsAnIOException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + closedPort), token, Duration.ofSeconds(2));

        IOException failed = assertThrows(IOException.class, () -> client.coveredYears(ZHANG_ID, null));

        assertFalse(failed instanceof SyncClient.HubRefusedException);
    }

    @Test
    @Timeout(30)
    void hubStallingHalfwayThroughItsAnswerIsGivenUpOnWithinTheTimeLimit() throws Exception {
        try (HubServer stalling = serve((request, response, callback) -> {
            response.setStatus(200);
            response.getHeaders().put("Content-Length", 1000);
            response.write(false, ByteBuffer.wrap("{\"years\":[".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
            return true; // the callback is never completed: the answer stalls
        })) {
            SyncClient client = new SyncClient(at(stalling), token, Duration.ofSeconds(1));
            long start = System.nanoTime();

            assertThrows(java.net.http.HttpTimeoutException.class, () -> client.coveredYears(ZHANG_ID, null));

            assertTrue(System.nanoTime() - start < 5_000_000_000L, "given up on after about the time limit");
        }
    }

    @Test
    void answerWithoutAListOfWholeYearsIsAnIOException() throws Exception {
        for (String body : List.of("{\"stats\":[]}", "{\"years\":[\"2025\"]}", "{\"years\":[2025.5]}", "<html>")) {
            try (HubServer odd = serve((request, response, callback) -> {
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            })) {
                SyncClient client = new SyncClient(at(odd), token, Duration.ofSeconds(10));

                IOException refused = assertThrows(IOException.class, () -> client.coveredYears(ZHANG_ID, null), body);

                assertFalse(refused instanceof SyncClient.HubRefusedException, body);
            }
        }
    }
}
