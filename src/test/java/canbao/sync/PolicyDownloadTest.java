package canbao.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.CountyKeyFiles;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.PolicyShelf;
import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Tier;
import canbao.policy.CountyKey;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference data down: a new policy year reaches the counter from the hub, whole or not at all. */
class PolicyDownloadTest {

    @TempDir
    Path folder;

    private Hub hub;
    private HubServer server;
    private Path counterPolicies;
    private CountyKey pinned;

    @BeforeEach
    void start() throws Exception {
        Path hubPolicies = Files.createDirectories(folder.resolve("hub-policy"));
        try (InputStream made = getClass().getResourceAsStream("/policy-extra/2031.json")) {
            Files.copy(made, hubPolicies.resolve("2031.json"));
        }
        // the county signed it; the counter pinned the county's key
        pinned = CountyKeyFiles.init(folder.resolve("county-key"), "潼南区医疗保障局", 2023, 2035);
        CountyKeyFiles.sign(CountyKeyFiles.signer(folder.resolve("county-key")), hubPolicies.resolve("2031.json"));
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC(), PolicyShelf.load(hubPolicies));
        counterPolicies = folder.resolve("counter").resolve("policy");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        hub.close();
    }

    private SyncClient client(UnaryOperator<Handler> network) throws Exception {
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES, network).start();
        // policy tables, like every address but the health check, are for the county's devices
        return new SyncClient(URI.create("http://127.0.0.1:" + server.port()), hub.registerDevice("兴义镇-1"),
                Duration.ofSeconds(5));
    }

    @Test
    void newYearServedByTheHubIsFetchedOnceAndQuotesAtTheCounter() throws Exception {
        SyncClient client = client(UnaryOperator.identity());
        assertFalse(counterLibrary().years().contains(2031));

        PolicyDownload.Result first = new PolicyDownload(client, Optional.of(pinned)).into(counterPolicies);
        PolicyDownload.Result second = new PolicyDownload(client, Optional.of(pinned)).into(counterPolicies);

        assertEquals(List.of(new PolicyDownload.Fetched(2031, "2031.test")), first.fetched());
        assertEquals(List.of(), first.refused());
        assertEquals(List.of(), second.fetched(), "the built-in years and a table already there are not fetched");
        PolicyLibrary counter = counterLibrary();
        assertEquals(List.of(2021, 2022, 2023, 2024, 2025, 2026, 2031), List.copyOf(counter.years()));
        MemberQuote quote = new QuoteEngine(Localization.CHINESE).quote(counter.table(2031).orElseThrow(),
                new PersonFacts(null, "500230198003151079", null, LocalDate.of(1980, 3, 15), null, Tier.ONE,
                        List.of(), null, null), LocalDate.of(2030, 9, 1));
        assertEquals(51250, quote.payable().fen(), "the made-up 2031 standard, 512.50 yuan");
        assertTrue(hub.policies().library().years().contains(2031), "the hub checks 2031 quotes with it too");
    }

    @Test
    void tableCutShortOnTheWayIsNotKeptAndTheCounterStillWorks() throws Exception {
        SyncClient client = client(hubHandler -> new Handler.Wrapper(hubHandler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!Request.getPathInContext(request).equals("/api/v1/policy/2031")) {
                    return super.handle(request, response, callback);
                }
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("{\"policyYear\": 2031, \"vers".getBytes()), callback);
                return true;
            }
        });

        PolicyDownload.Result result = new PolicyDownload(client, Optional.of(pinned)).into(counterPolicies);

        assertEquals(List.of(), result.fetched());
        assertEquals(1, result.refused().size());
        assertEquals("下载的2031年度政策表与汇总端公布的校验值不符，未采用", result.refused().get(0).reason());
        if (Files.exists(counterPolicies)) {
            try (var left = Files.list(counterPolicies)) {
                assertEquals(List.of(), left.toList(), "no part file and no table left behind");
            }
        }
        assertEquals(PolicyLibrary.builtIn().years(), counterLibrary().years(), "the built-in years only");
    }

    @Test
    void hubListsItsTablesWithChecksumsAndServesEachFileAsItIs() throws Exception {
        client(UnaryOperator.identity());
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();
        String bearer = "Bearer " + hub.registerOperator("区县医保局");

        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policy"))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> table = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policy/2031"))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policy/1999"))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policy"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "policy tables, like every address but health, take a token");

        assertEquals(200, index.statusCode());
        byte[] file = Files.readAllBytes(folder.resolve("hub-policy").resolve("2031.json"));
        var listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(index.body()).get("tables");
        assertEquals(List.of("2021 2021.1", "2022 2022.1", "2023 2023.1", "2024 2024.1", "2025 2025.1", "2026 2026.1",
                "2031 2031.test"), java.util.stream.StreamSupport
                .stream(listed.spliterator(), false).map(t -> t.get("year").asInt() + " " + t.get("version").asText())
                .toList());
        assertEquals(canbao.model.Sha256.hex(file), listed.get(6).get("sha256").asText());
        assertEquals(new String(file, java.nio.charset.StandardCharsets.UTF_8),
                new String(table.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("error"), missing.body());
        HttpResponse<byte[]> signature = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policy/2031.sig"))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policy/2026.sig"))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(listed.get(6).get("signed").asBoolean());
        assertFalse(listed.get(5).get("signed").asBoolean(), "a built-in table carries no signature");
        assertEquals(200, signature.statusCode());
        assertEquals(new String(Files.readAllBytes(folder.resolve("hub-policy").resolve("2031.json.sig")),
                java.nio.charset.StandardCharsets.UTF_8), new String(signature.body(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(404, unsigned.statusCode());
    }

    /** The counter's tables as its next start reads them: built in, plus the folder's that verify. */
    private PolicyLibrary counterLibrary() {
        return PolicyLibrary.builtIn().withSignedDirectory(counterPolicies, Optional.of(pinned)).library();
    }
}
