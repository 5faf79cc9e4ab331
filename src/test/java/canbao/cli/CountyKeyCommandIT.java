package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.policy.CountyKey;
import canbao.policy.PolicyTable;
import canbao.store.CounterPolicies;
import canbao.account.Session;
import canbao.account.SignIn;
import canbao.store.WorkplaceSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, issue 16: the county makes its key and signs a table; a counter is set up with the
 * county key pinned once the administrator gives the fingerprint read out by phone.
 */
class CountyKeyCommandIT {

    @TempDir
    Path folder;

    record Result(int exitStatus, String stdout, String stderr) {
    }

    @Test
    void theCountyMakesItsKeySignsATableAndACounterPinsTheKeyAtSetup() throws Exception {
        Path keys = folder.resolve("keys");
        Result init = run(Map.of(), "hub", "keys", "init", "--out", keys.toString(), "--issuer", "潼南区医疗保障局",
                "--years", "2023-2030");
        assertEquals(0, init.exitStatus(), init.stderr());
        CountyKey key = CountyKey.parse("k", Files.readAllBytes(keys.resolve("county-key.json")));
        assertEquals(key.fingerprint(), init.stdout().strip(), "the fingerprint, for the phone");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                keys.resolve("county-key.pem"))));
        Result again = run(Map.of(), "hub", "keys", "init", "--out", keys.toString(), "--issuer", "别人",
                "--years", "2023-2030");
        assertEquals(1, again.exitStatus());
        assertTrue(again.stderr().contains("已存在；区县公钥不会被覆盖"), again.stderr());
        assertEquals(key.fingerprint(), CountyKey.parse("k", Files.readAllBytes(keys.resolve("county-key.json")))
                .fingerprint(), "the key made first is still there");

        Path table = folder.resolve("2026.json");
        try (InputStream in = getClass().getResourceAsStream("/policy/2026.json")) {
            Files.copy(in, table);
        }
        Result sign = run(Map.of(), "hub", "sign", "--key", keys.toString(), table.toString());
        assertEquals(0, sign.exitStatus(), sign.stderr());
        PolicyTable verified = key.verified("2026.json", Files.readAllBytes(table),
                Files.readAllBytes(folder.resolve("2026.json.sig")));
        assertEquals(2026, verified.year());

        Path data = folder.resolve("data");
        String[] setup = {"setup", "--data", data.toString(), "--township", "兴义镇", "--county", "500230",
            "--user", "wangfang", "--name", "王芳", "--county-key", keys.resolve("county-key.json").toString()};
        Result unconfirmed = run(Map.of("CANBAO_PASSWORD", "xingyi-2026"), setup);
        assertEquals(64, unconfirmed.exitStatus());
        assertTrue(unconfirmed.stderr().contains("指纹为 " + key.fingerprint() + "。请与区县医保局电话核对"),
                unconfirmed.stderr());
        assertFalse(Files.exists(data.resolve("canbao.db")), "nothing made before the key is confirmed");

        List<String> wrong = new ArrayList<>(List.of(setup));
        wrong.addAll(List.of("--county-key-fingerprint", "0000" + key.fingerprint().substring(4)));
        Result mismatch = run(Map.of("CANBAO_PASSWORD", "xingyi-2026"), wrong.toArray(String[]::new));
        assertEquals(64, mismatch.exitStatus());
        assertTrue(mismatch.stderr().contains("输入的指纹与该公钥文件不符"), mismatch.stderr());

        List<String> confirmed = new ArrayList<>(List.of(setup));
        confirmed.addAll(List.of("--county-key-fingerprint", key.fingerprint()));
        Result pinned = run(Map.of("CANBAO_PASSWORD", "xingyi-2026"), confirmed.toArray(String[]::new));
        assertEquals(0, pinned.exitStatus(), pinned.stderr());
        assertTrue(pinned.stderr().contains("已认定区县公钥：潼南区医疗保障局"), pinned.stderr());

        // the signed table in the data folder is used; the audit log says who pinned the key
        Files.createDirectories(data.resolve(CounterPolicies.FOLDER));
        Files.copy(table, data.resolve(CounterPolicies.FOLDER).resolve("2026.json"));
        Files.copy(folder.resolve("2026.json.sig"), data.resolve(CounterPolicies.FOLDER).resolve("2026.json.sig"));
        SignIn.Outcome outcome = new SignIn(data, Clock.systemUTC()).signIn("wangfang", "xingyi-2026".toCharArray());
        try (Session session = ((SignIn.Outcome.SignedIn) outcome).session()) {
            assertEquals(key.fingerprint(), new WorkplaceSettings(session.database()).countyKey().orElseThrow()
                    .fingerprint());
            assertEquals(List.of(), CounterPolicies.load(data, session.database()).refused());
            assertEquals(List.of("wangfang create"), session.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT operator || ' ' || action FROM audit_log WHERE entity = 'county_key'")
                    .mapTo(String.class).list()));
        }
    }

    private static Result run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("canbao.jar", "target/canbao.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CANBAO_PASSWORD");
        builder.environment().remove("CANBAO_USER");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out, err);
    }
}
