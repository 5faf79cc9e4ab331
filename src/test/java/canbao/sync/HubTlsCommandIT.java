package canbao.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.account.Session;
import canbao.store.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged commands as a county and a counter run them: {@code hub tls init}, {@code hub --tls-cert
 * --tls-key}, {@code hub token} and {@code hub token revoke} with the database in CANBAO_HUB_DB, and
 * {@code sync --hub-fingerprint} pinning the hub over real HTTPS on 127.0.0.1.
 */
class HubTlsCommandIT {

    private static final Pattern FINGERPRINT = Pattern.compile("([0-9A-F]{4} ){15}[0-9A-F]{4}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Process hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.destroy();
            hub.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private ProcessBuilder canbao(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("canbao.jar", "target/canbao.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CANBAO_HUB_DB", "jdbc:sqlite:" + folder.resolve("hub.db"));
        builder.environment().put("CANBAO_PASSWORD", TestKeys.PASSWORD);
        return builder;
    }

    private record Ran(int exit, String out, String err) {
    }

    private Ran run(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = canbao(args);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Ran(process.exitValue(), out, err.get());
    }

    private static void enrol(Path data, String number, String idNumber) {
        canbao.account.SignIn.Outcome outcome = new canbao.account.SignIn(data, Clock.systemUTC())
                .signIn(TestKeys.ADMIN, TestKeys.PASSWORD.toCharArray());
        try (Session session = ((canbao.account.SignIn.Outcome.SignedIn) outcome).session()) {
            HouseholdService households = new HouseholdService(session.database(), PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
            assertTrue(households.save(new HouseholdEntry(number, "兴义村", null, null, null, List.of(
                    new HouseholdEntry.Member("张三", idNumber, null, null, "户主", "汉", null, null, null,
                            new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null,
                                    null)))), "王芳").isValid());
        }
    }

    @Test
    void aCountyMakesItsCertificateAndACounterPinsItRevokedTokenSaidBySync() throws Exception {
        Ran init = run(Map.of(), "hub", "tls", "init", "--out", folder.resolve("tls").toString(),
                "--host", "localhost,127.0.0.1");
        assertEquals(0, init.exit(), init.err());
        Matcher printed = FINGERPRINT.matcher(init.out());
        assertTrue(printed.find(), init.out());
        String fingerprint = printed.group();

        hub = canbao("hub", "--port", "0", "--host", "127.0.0.1",
                "--tls-cert", folder.resolve("tls").resolve("hub-cert.pem").toString(),
                "--tls-key", folder.resolve("tls").resolve("hub-key.pem").toString()).start();
        BufferedReader hubSays = new BufferedReader(new InputStreamReader(hub.getErrorStream(), StandardCharsets.UTF_8));
        String listening = hubSays.readLine();
        Matcher port = Pattern.compile("端口(\\d+)上运行（HTTPS，证书指纹 (.+)）").matcher(String.valueOf(listening));
        assertTrue(port.find(), listening);
        assertEquals(fingerprint, port.group(2), "the hub says which certificate it serves");
        String address = "https://127.0.0.1:" + port.group(1);

        Ran token = run(Map.of(), "hub", "token", "--device", "兴义镇-1", "--township", "兴义镇");
        assertEquals(0, token.exit(), token.err());
        Path data = folder.resolve("counter");
        TestKeys.setUp(data).close();
        enrol(data, "0012", "500230198003151079");

        Ran wrongPin = run(Map.of("CANBAO_HUB_TOKEN", token.out().strip()), "sync", "--data", data.toString(),
                "--user", TestKeys.ADMIN, "--hub", address, "--hub-fingerprint", "00".repeat(32));
        assertEquals(64, wrongPin.exit(), wrongPin.err());
        assertTrue(wrongPin.err().contains("汇总端出示的证书指纹为 " + fingerprint + "，与给出的"), wrongPin.err());

        Ran pinned = run(Map.of("CANBAO_HUB_TOKEN", token.out().strip()), "sync", "--data", data.toString(),
                "--user", TestKeys.ADMIN, "--hub", address, "--hub-fingerprint", fingerprint.replace(" ", ":"),
                "--time-limit", "30");
        assertEquals(0, pinned.exit(), pinned.out() + pinned.err());
        JsonNode summary = JSON.readTree(pinned.out());
        assertTrue(summary.get("uploaded").asInt() > 0, pinned.out());
        assertTrue(pinned.err().contains("汇总端证书已确认（certificate）：" + fingerprint), pinned.err());

        Ran operator = run(Map.of(), "hub", "token", "--operator", "区县医保局-李科长");
        assertEquals(0, operator.exit(), operator.err());
        HttpClient pinnedClient = HttpClient.newBuilder().sslContext(new HubTrust(new HubTrust.Pin(
                HubTrust.Pin.Kind.CERTIFICATE, canbao.hub.HubTls.certificates(folder.resolve("tls")
                .resolve("hub-cert.pem")).get(0)), false).sslContext()).build();
        HttpResponse<String> stats = pinnedClient.send(HttpRequest.newBuilder(URI.create(address + "/api/v1/stats"))
                .header("Authorization", "Bearer " + operator.out().strip()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stats.statusCode());
        assertEquals(1, JSON.readTree(stats.body()).get("stats").get(0).get("enrollments").asInt(), stats.body());
        assertEquals(401, pinnedClient.send(HttpRequest.newBuilder(URI.create(address + "/api/v1/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        Ran revoke = run(Map.of(), "hub", "token", "revoke", "--device", "兴义镇-1");
        assertEquals(0, revoke.exit(), revoke.err());
        enrol(data, "0013", "500230198207073877");
        Ran refused = run(Map.of(), "sync", "--data", data.toString(), "--user", TestKeys.ADMIN, "--hub", address,
                "--time-limit", "30");
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertEquals("401: 本设备（兴义镇-1）的令牌已被区县停用：请向区县医保局申请新的设备令牌，记录仍在本机待传",
                JSON.readTree(refused.out()).get("stoppedBy").asText());
    }
}
