package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.app.CounterServices;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.PolicyShelf;
import canbao.model.Localization;
import canbao.model.Validated;
import canbao.policy.CountyKey;
import canbao.store.CounterPolicies;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.account.Session;
import canbao.account.SignIn;
import canbao.store.TestKeys;
import canbao.store.WorkplaceSettings;
import canbao.sync.PolicyDownload;
import canbao.sync.SyncClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: after a sync brought the county's signed 2027 table into the data folder, {@code enroll}
 * accepts the 2027 household the screen's service accepts, at the new table's amount — the command
 * opens the counter through the same root as the window. Real hub on 127.0.0.1, real download, real
 * encrypted data folder; the command runs as {@code java -jar canbao.jar enroll} runs it.
 */
class EnrollAfterSyncTest {

    @TempDir
    Path folder;

    /** 2026's built-in file a year on, tier 1 at 455 yuan (2026's is 400): a year no built-in table has. */
    private static String table2027() throws Exception {
        String text;
        try (InputStream in = EnrollAfterSyncTest.class.getResourceAsStream("/policy/2026.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return text.replace("\"policyYear\": 2026", "\"policyYear\": 2027")
                .replace("\"version\": \"2026.1\"", "\"version\": \"2027.1\"")
                .replace("\"2026-", "\"2027-").replace("\"2025-", "\"2026-")
                .replace("\"tier1\": 400, \"tier2\": 775", "\"tier1\": 455, \"tier2\": 775");
    }

    private static String line(String number, String name, String idNumber) {
        return ("{\"household\":{\"number\":\"%s\",\"village\":\"兴义村\"},\"members\":[{\"name\":\"%s\","
                + "\"idNumber\":\"%s\",\"relation\":\"户主\",\"enrollment\":{\"policyYear\":2027,\"tier\":1,"
                + "\"paymentDate\":\"2026-10-08\",\"receiptNo\":\"R%s\"}}]}").formatted(number, name, idNumber, number);
    }

    private static HouseholdEntry entry(String number, String name, String idNumber) {
        return new HouseholdEntry(number, "兴义村", null, null, null, List.of(new HouseholdEntry.Member(name, idNumber,
                null, null, "户主", null, List.of(), null, null, new HouseholdEntry.EnrollmentRequest(2027, 1,
                LocalDate.of(2026, 10, 8), "R" + number, null, null, null, null), canbao.policy.KnownHistory.NONE)));
    }

    private static Session signIn(Path data) {
        SignIn.Outcome outcome = new SignIn(data, Clock.systemUTC()).signIn(TestKeys.ADMIN,
                TestKeys.PASSWORD.toCharArray());
        return ((SignIn.Outcome.SignedIn) outcome).session();
    }

    record Ran(int exit, String stdout, String stderr) {
    }

    private static Ran enroll(Path data, String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ByteArrayInputStream((String.join("\n", lines) + "\n")
                .getBytes(StandardCharsets.UTF_8)), out, err, Map.of(Credentials.PASSWORD_VARIABLE, TestKeys.PASSWORD),
                null, Clock.systemDefaultZone(), Localization.CHINESE, data.toString());
        int exit = Commands.run(cli, new String[] {"enroll", "--data", data.toString(), "--user", TestKeys.ADMIN});
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void enrollAfterASyncAcceptsWhatTheScreensServiceAccepts() throws Exception {
        Path data = folder.resolve("data");
        Path countyKeys = folder.resolve("county-keys");
        CountyKey key = CountyKeyFiles.init(countyKeys, "丰都县医疗保障局", 2023, 2030);
        try (Session session = TestKeys.setUp(data)) {
            new WorkplaceSettings(session.database()).pinCountyKey(key, TestKeys.ADMIN, Instant.now());
        }
        // before the sync: no table for 2027, and enroll says so
        Ran before = enroll(data, line("0101", "张三", "500230198003151079"));
        assertEquals(2, before.exit(), before.stderr());
        assertTrue(before.stdout().contains("members[0].enrollment.policyYear"), before.stdout());

        // the sync's download: the hub serves the county's signed 2027, the counter keeps it in data/policy
        Path hubPolicies = Files.createDirectories(folder.resolve("hub-policy"));
        Files.writeString(hubPolicies.resolve("2027.json"), table2027());
        CountyKeyFiles.sign(CountyKeyFiles.signer(countyKeys), hubPolicies.resolve("2027.json"));
        try (Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC(),
                PolicyShelf.load(hubPolicies));
             HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
             Session session = signIn(data)) {
            SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + server.port()),
                    hub.registerDevice("兴义镇-1"), Duration.ofSeconds(5));
            PolicyDownload.Result got = new PolicyDownload(client, new WorkplaceSettings(session.database())
                    .countyKey()).into(data.resolve(CounterPolicies.FOLDER));
            assertEquals(List.of(new PolicyDownload.Fetched(2027, "2027.1")), got.fetched());
        }

        // the screen's service (as the window builds it) takes a 2027 household at 455 yuan
        long screenPayable;
        try (CounterServices window = CounterServices.open(signIn(data), data, null, Clock.systemDefaultZone(), Localization.CHINESE)) {
            assertEquals(List.of(), window.refusedTables());
            Validated<HouseholdService.Saved> saved = window.households().save(entry("0102", "李四",
                    "500230198207073877"), TestKeys.ADMIN);
            assertTrue(saved.isValid(), saved.problems().toString());
            screenPayable = saved.value().members().get(0).enrollment().payable().fen();
        }
        assertEquals(45_500, screenPayable);

        // and enroll, run as the packaged command runs it, takes the one it refused before, at the same amount
        Ran after = enroll(data, line("0101", "张三", "500230198003151079"));
        assertEquals(0, after.exit(), after.stdout() + after.stderr());
        JsonNode answer = new ObjectMapper().readTree(after.stdout().strip());
        assertFalse(answer.has("errors"), answer.toString());
        assertEquals("455", answer.get("members").get(0).get("payable").toString());
        assertEquals("", after.stderr(), "no table of the data folder is left out");
    }
}
