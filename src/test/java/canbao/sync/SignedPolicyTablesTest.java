package canbao.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.CountyKeyFiles;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.PolicyShelf;
import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Tier;
import canbao.policy.CountyKey;
import canbao.policy.CountySigner;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.PolicyTableException;
import canbao.policy.QuoteEngine;
import canbao.store.CounterPolicies;
import canbao.account.Session;
import canbao.store.TestKeys;
import canbao.store.WorkplaceSettings;
import java.io.IOException;
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
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, signing: the county authors 2027 from 2026, signs it, its hub serves it, and a counter that
 * pinned the county's key downloads it and quotes 2027 at the new amount. A table signed by another
 * key, changed after signing, without its signature, of a year the key does not cover, or offered to a
 * counter with no key pinned is refused with the reason, and the counter's tables stay as they were.
 * Real hub on 127.0.0.1, real files, real encrypted data folder.
 */
class SignedPolicyTablesTest {

    private static final String ZHANG = "500230198003151079";

    @TempDir
    Path folder;

    private Path countyKeys;
    private CountyKey countyKey;
    private Session counter;
    private Hub hub;
    private HubServer server;

    @BeforeEach
    void setUp() throws IOException {
        countyKeys = folder.resolve("county-keys");
        countyKey = CountyKeyFiles.init(countyKeys, "潼南区医疗保障局", 2023, 2030);
        counter = TestKeys.setUp(folder.resolve("counter"));
        // the administrator pinned the key at setup, its fingerprint confirmed by phone
        new WorkplaceSettings(counter.database()).pinCountyKey(countyKey, TestKeys.ADMIN, Instant.now());
    }

    @AfterEach
    void tearDown() throws Exception {
        stopHub();
        counter.close();
    }

    /** Next year's table as the county would author it: 2026's file, a year on, tier 1 at {@code tier1} yuan. */
    private static String table2027(String version, int tier1) throws IOException {
        String text;
        try (InputStream in = SignedPolicyTablesTest.class.getResourceAsStream("/policy/2026.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String authored = text.replace("\"policyYear\": 2026", "\"policyYear\": 2027")
                .replace("\"version\": \"2026.1\"", "\"version\": \"" + version + "\"")
                .replace("\"2026-", "\"2027-").replace("\"2025-", "\"2026-")
                .replace("\"tier1\": 400, \"tier2\": 775", "\"tier1\": " + tier1 + ", \"tier2\": 775");
        assertFalse(authored.equals(text));
        return authored;
    }

    /** A hub folder with these files (name → text), signed by the county key unless said otherwise. */
    private Path hubFolder(String name, Map<String, String> files) throws IOException {
        Path hubPolicies = Files.createDirectories(folder.resolve(name));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(hubPolicies.resolve(file.getKey()), file.getValue());
        }
        return hubPolicies;
    }

    private Path signed(Path table) throws IOException {
        return CountyKeyFiles.sign(CountyKeyFiles.signer(countyKeys), table);
    }

    private SyncClient serve(Path hubPolicies) throws Exception {
        stopHub();
        hub = Hub.open("jdbc:sqlite:" + hubPolicies.resolveSibling(hubPolicies.getFileName() + ".db"),
                Clock.systemUTC(), PolicyShelf.load(hubPolicies));
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        return new SyncClient(URI.create("http://127.0.0.1:" + server.port()), hub.registerDevice("兴义镇-1"), Duration.ofSeconds(5));
    }

    private void stopHub() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    private Path counterPolicies() {
        return folder.resolve("counter").resolve(CounterPolicies.FOLDER);
    }

    private PolicyDownload.Result download(SyncClient client) throws Exception {
        return new PolicyDownload(client, new WorkplaceSettings(counter.database()).countyKey()).into(counterPolicies());
    }

    /** The counter's tables as its next start reads them. */
    private PolicyLibrary.Checked nextStart() {
        return CounterPolicies.load(folder.resolve("counter"), counter.database());
    }

    private static long payable2027(PolicyTable table) {
        MemberQuote quote = new QuoteEngine(Localization.CHINESE).quote(table, new PersonFacts(null, ZHANG, null,
                LocalDate.of(1980, 3, 15), null, Tier.ONE, List.of(), null, null), LocalDate.of(2026, 10, 8));
        return quote.payable().fen();
    }

    /** The counter's folder, file by file (name → bytes as text), to show that nothing changed. */
    private Map<String, String> folderNow() throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(counterPolicies())) {
            try (var listed = Files.list(counterPolicies())) {
                for (Path file : listed.toList()) {
                    files.put(file.getFileName().toString(), Files.readString(file));
                }
            }
        }
        return files;
    }

    /** The counter holds the county's 2027.1 (tier 1 at 430 yuan), downloaded and verified. */
    private void counterHolds2027() throws Exception {
        Path hubPolicies = hubFolder("hub-1", Map.of("2027.json", table2027("2027.1", 430)));
        signed(hubPolicies.resolve("2027.json"));
        assertEquals(List.of(new PolicyDownload.Fetched(2027, "2027.1")), download(serve(hubPolicies)).fetched());
    }

    @Test
    void aTableTheCountyAuthoredAndSignedIsServedDownloadedAndQuotedAtTheNewAmount() throws Exception {
        assertFalse(nextStart().library().years().contains(2027), "no 2027 is shipped");

        counterHolds2027();

        assertTrue(Files.exists(counterPolicies().resolve("2027.json.sig")), "kept with its signature");
        PolicyLibrary.Checked started = nextStart();
        assertEquals(List.of(), started.refused());
        PolicyTable table = started.library().table(2027).orElseThrow();
        assertEquals("2027.1", table.version());
        assertEquals(43000, payable2027(table), "the county's new tier-1 standard, 430 yuan");
        assertEquals(List.of(), download(serve(folder.resolve("hub-1"))).fetched(), "held already: not fetched again");
    }

    @Test
    void aNewerSignedVersionOfAYearReplacesTheOldOneFromTheNextStart() throws Exception {
        counterHolds2027();
        PolicyLibrary running = nextStart().library();
        Path hubPolicies = hubFolder("hub-2", Map.of("2027.json", table2027("2027.2", 450)));
        signed(hubPolicies.resolve("2027.json"));

        PolicyDownload.Result result = download(serve(hubPolicies));

        assertEquals(List.of(new PolicyDownload.Fetched(2027, "2027.2")), result.fetched());
        assertEquals(43000, payable2027(running.table(2027).orElseThrow()), "the running counter keeps what it started with");
        PolicyTable next = nextStart().library().table(2027).orElseThrow();
        assertEquals("2027.2", next.version());
        assertEquals(45000, payable2027(next));
    }

    @Test
    void aTableSignedByAnotherKeyIsRefusedAndNothingChanges() throws Exception {
        counterHolds2027();
        Map<String, String> before = folderNow();
        Path hubPolicies = hubFolder("hub-2", Map.of("2027.json", table2027("2027.2", 450)));
        CountySigner stranger = CountySigner.generate("潼南区医疗保障局", 2023, 2030).signer();
        Files.write(hubPolicies.resolve("2027.json.sig"),
                stranger.sign(Files.readAllBytes(hubPolicies.resolve("2027.json"))).toFile());

        PolicyDownload.Result result = download(serve(hubPolicies));

        assertRefused(result, "2027.json: 签名不是本机认定的区县公钥所签（签名公钥指纹 "
                + stranger.publicKey().fingerprint() + "），未采用");
        assertEquals(before, folderNow());
        assertEquals("2027.1", nextStart().library().table(2027).orElseThrow().version());
    }

    @Test
    void aTableChangedAfterSigningIsRefusedAndNothingChanges() throws Exception {
        counterHolds2027();
        Map<String, String> before = folderNow();
        Path hubPolicies = hubFolder("hub-2", Map.of("2027.json", table2027("2027.2", 450)));
        signed(hubPolicies.resolve("2027.json"));
        // someone between the county and the counters makes tier 1 dearer after the county signed
        Files.writeString(hubPolicies.resolve("2027.json"), table2027("2027.2", 480));

        PolicyDownload.Result result = download(serve(hubPolicies));

        assertRefused(result, "2027.json: 签名与文件内容不符（文件可能在传输中被改动），未采用");
        assertEquals(before, folderNow());
        assertEquals(43000, payable2027(nextStart().library().table(2027).orElseThrow()));
    }

    @Test
    void aTableWithItsSignatureStrippedIsRefusedAndNothingChanges() throws Exception {
        counterHolds2027();
        Map<String, String> before = folderNow();
        Path hubPolicies = hubFolder("hub-2", Map.of("2027.json", table2027("2027.2", 450)));
        signed(hubPolicies.resolve("2027.json"));
        Files.delete(hubPolicies.resolve("2027.json.sig"));

        PolicyDownload.Result result = download(serve(hubPolicies));

        assertRefused(result, "2027.json: 没有签名，未采用（下载的政策表须有区县医保局的签名）");
        assertEquals(before, folderNow());
        assertEquals("2027.1", nextStart().library().table(2027).orElseThrow().version());
    }

    @Test
    void aYearTheKeyDoesNotCoverIsRefusedThoughTheCountyKeySignedIt() throws Exception {
        String table2031;
        try (InputStream in = getClass().getResourceAsStream("/policy-extra/2031.json")) {
            table2031 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path hubPolicies = hubFolder("hub-2", Map.of("2031.json", table2031));
        // the signing command will not sign a year outside the key's (it says why) ...
        PolicyTableException notSigned = assertThrows(PolicyTableException.class,
                () -> signed(hubPolicies.resolve("2031.json")));
        assertTrue(notSigned.getMessage().endsWith("2031年度不在这把区县密钥可签的年度（2023—2030）内，未签名"),
                notSigned.getMessage());
        assertFalse(Files.exists(hubPolicies.resolve("2031.json.sig")));
        // ... and a signature made around it is refused by the counter all the same
        Files.write(hubPolicies.resolve("2031.json.sig"), CountyKeyFiles.signer(countyKeys)
                .sign(Files.readAllBytes(hubPolicies.resolve("2031.json"))).toFile());

        PolicyDownload.Result result = download(serve(hubPolicies));

        assertRefused(result, "2031.json: 2031年度不在区县公钥可签的年度（2023—2030）内，未采用");
        assertEquals(Map.of(), folderNow());
        assertFalse(nextStart().library().years().contains(2031));
    }

    @Test
    void aCounterWithNoKeyPinnedTakesNothingAndSaysWhy() throws Exception {
        Path hubPolicies = hubFolder("hub-1", Map.of("2027.json", table2027("2027.1", 430)));
        signed(hubPolicies.resolve("2027.json"));
        try (Session unpinned = TestKeys.setUp(folder.resolve("other-counter"))) {
            assertEquals(java.util.Optional.empty(), new WorkplaceSettings(unpinned.database()).countyKey());
            Path otherPolicies = folder.resolve("other-counter").resolve(CounterPolicies.FOLDER);

            PolicyDownload.Result result = new PolicyDownload(serve(hubPolicies),
                    new WorkplaceSettings(unpinned.database()).countyKey()).into(otherPolicies);

            assertRefused(result, "2027.json: 本机尚未认定区县医保局的公钥，汇总端和数据文件夹中的政策表一律不采用"
                    + "（请管理员在“上传”页载入区县公钥文件，并与区县核对指纹）");
            assertFalse(Files.exists(otherPolicies.resolve("2027.json")));
            // a signed table copied into its folder by hand is not used either
            Files.createDirectories(otherPolicies);
            Files.copy(hubPolicies.resolve("2027.json"), otherPolicies.resolve("2027.json"));
            Files.copy(hubPolicies.resolve("2027.json.sig"), otherPolicies.resolve("2027.json.sig"));
            PolicyLibrary.Checked started = CounterPolicies.load(folder.resolve("other-counter"), unpinned.database());
            assertFalse(started.library().years().contains(2027));
            assertEquals(1, started.refused().size());
        }
    }

    @Test
    void aDownloadedTableChangedOnDiskIsNotUsedAtTheNextStartAndIsReported() throws Exception {
        counterHolds2027();
        Path table = counterPolicies().resolve("2027.json");
        Files.writeString(table, Files.readString(table).replace("\"tier1\": 430", "\"tier1\": 300"));

        PolicyLibrary.Checked started = nextStart();

        assertFalse(started.library().years().contains(2027), "not the changed file, and no 2027 at all");
        assertEquals(1, started.refused().size());
        assertEquals(table + ": 签名与文件内容不符（文件可能在传输中被改动），未采用", started.refused().get(0).getMessage());
        // the next round fetches the county's own file again
        assertEquals(List.of(new PolicyDownload.Fetched(2027, "2027.1")),
                download(serve(folder.resolve("hub-1"))).fetched());
        assertEquals(43000, payable2027(nextStart().library().table(2027).orElseThrow()));
    }

    @Test
    void pinningTheKeyIsAnAdministratorsActionInTheAuditLog() {
        WorkplaceSettings settings = new WorkplaceSettings(counter.database());
        CountyKey other = CountySigner.generate("潼南区医疗保障局", 2027, 2035).signer().publicKey();
        assertTrue(counter.accounts(Clock.systemUTC()).add("zhaoqiang", "赵强", canbao.model.Role.CLERK,
                "guiyuan-2026".toCharArray(), "guiyuan-2026".toCharArray(), TestKeys.ADMIN).isValid());

        assertThrows(IllegalArgumentException.class, () -> settings.pinCountyKey(other, "zhaoqiang", Instant.now()));
        assertArrayEquals(countyKey.document(), settings.countyKey().orElseThrow().document());
        settings.pinCountyKey(other, TestKeys.ADMIN, Instant.now());

        assertEquals(other.fingerprint(), settings.countyKey().orElseThrow().fingerprint());
        List<String> audited = counter.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT operator || ' ' || action || ' ' || after FROM audit_log WHERE entity = 'county_key' ORDER BY seq")
                .mapTo(String.class).list());
        assertEquals(2, audited.size(), audited::toString);
        assertTrue(audited.get(1).startsWith(TestKeys.ADMIN + " change "), audited.get(1));
        assertTrue(audited.get(1).contains(other.fingerprint()), audited.get(1));
        assertTrue(new canbao.store.AuditVerifier(counter.database()).verify().intact());
    }

    private static void assertRefused(PolicyDownload.Result result, String reason) {
        assertEquals(List.of(), result.fetched());
        assertEquals(1, result.refused().size(), result.refused()::toString);
        assertEquals(reason, result.refused().get(0).reason());
    }
}
