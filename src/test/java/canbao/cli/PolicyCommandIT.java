package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Money;
import canbao.model.Tier;
import canbao.policy.CountyKey;
import canbao.policy.CountySigner;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.PolicyTableLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy …} as the county runs it: the packaged jar, a real process, files in a folder. */
class PolicyCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private record Result(int exitStatus, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    private Result policy(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Path.of(System.getProperty("canbao.jar", "target/canbao.jar")).toAbsolutePath()
                .toString(), "policy"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        // the JVM decodes arguments (王芳) in the locale's charset; the answers are UTF-8 whatever it is
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().remove("LC_ALL");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    private void writeKeys(Path keys, CountySigner.Generated county) throws IOException {
        Files.createDirectories(keys);
        Files.write(keys.resolve("county-key.pem"), county.privatePem());
        Files.write(keys.resolve("county-key.json"), county.keyDocument());
    }

    @Test
    void theCountyDraftsEntersChecksPreviewsAndSignsNextYearsTable() throws Exception {
        Path draft = folder.resolve("2027.json");

        Result made = policy("draft", "--from", "2026.json", "--out", "2027.json");
        assertEquals(0, made.exitStatus(), made.stderr());
        assertEquals(2027, made.json().get("year").asInt());
        assertEquals("2027-draft", made.json().get("version").asText());
        assertEquals(2, policy("draft", "--from", "2026.json", "--out", "2027.json").exitStatus(),
                "a second draft does not overwrite the first");

        Result entered = policy("set", "2027.json", "standards.tier1", "450", "--by", "王芳");
        assertEquals(0, entered.exitStatus(), entered.stderr());
        JsonNode figure = entered.json().get("figures").get(0);
        assertEquals("450", figure.get("value").asText());
        assertEquals("王芳", figure.get("confirmedBy").asText());
        assertEquals("entered", figure.get("standing").asText());

        byte[] before = Files.readAllBytes(draft);
        Result wrong = policy("set", "2027.json", "standards.tier1", "4五0", "--by", "王芳");
        assertEquals(2, wrong.exitStatus());
        assertTrue(wrong.stderr().contains("2027.json: standards.tier1: 应为金额"), wrong.stderr());
        assertEquals("standards.tier1", wrong.json().get("field").asText());
        assertArrayEquals(before, Files.readAllBytes(draft), "a refused value changes nothing");

        Result checked = policy("check", "2027.json");
        assertEquals(0, checked.exitStatus(), checked.stderr());
        assertTrue(checked.json().get("awaiting").toString().contains("standards.tier2"));

        PolicyTable table2026 = PolicyLibrary.builtIn().table(2026).orElseThrow();
        PolicyTable table2027 = PolicyTableLoader.fromFile(draft);
        Money raise = table2027.standard(Tier.ONE).minus(table2026.standard(Tier.ONE));
        Result preview = policy("preview", "--old", "2026", "--new", "2027.json", "--json");
        assertEquals(0, preview.exitStatus(), preview.stderr());
        for (JsonNode row : preview.json().get("rows")) {
            BigDecimal expected = row.get("tier").asInt() == 1 ? raise.yuan() : BigDecimal.ZERO;
            BigDecimal repaired = expected.multiply(BigDecimal.ONE.add(new BigDecimal(
                    row.get("person").asText().contains("补缴1年") ? 1 : 0)));
            assertEquals(0, repaired.compareTo(row.get("payableDifference").decimalValue()), row.toString());
            assertEquals(repaired.signum() != 0, row.get("changed").asBoolean(), row.toString());
        }

        CountySigner.Generated county = CountySigner.generate("潼南区医疗保障局", 2026, 2030);
        writeKeys(folder.resolve("keys"), county);
        Result signed = policy("sign", "--key", "keys", "2027.json");
        assertEquals(0, signed.exitStatus(), signed.stderr());
        assertEquals(county.signer().publicKey().fingerprint(), signed.json().get("key").asText());
        PolicyTable verified = CountyKey.parse("pinned", county.keyDocument()).verified("2027.json",
                Files.readAllBytes(draft), Files.readAllBytes(folder.resolve("2027.json.sig")));
        assertEquals(Money.ofYuan(450), verified.standards().tier1());
    }

    @Test
    void aBrokenTableIsNamedByFieldAndNotSigned() throws Exception {
        assertEquals(0, policy("draft", "--from", "2026", "--out", "2027.json").exitStatus());
        Path draft = folder.resolve("2027.json");
        Files.writeString(draft, Files.readString(draft).replace("\"tier2\":775", "\"teir2\":775"));

        Result checked = policy("check", "2027.json");
        assertEquals(2, checked.exitStatus());
        assertTrue(checked.stderr().contains("2027.json: standards.teir2: 未知字段"), checked.stderr());

        writeKeys(folder.resolve("keys"), CountySigner.generate("县", 2026, 2030));
        Result signed = policy("sign", "--key", "keys", "2027.json");
        assertEquals(2, signed.exitStatus());
        assertFalse(Files.exists(folder.resolve("2027.json.sig")));
    }

    @Test
    void aKeyThatMayNotSignTheYearSignsNothing() throws Exception {
        assertEquals(0, policy("draft", "--from", "2026", "--out", "2027.json").exitStatus());
        writeKeys(folder.resolve("keys"), CountySigner.generate("县", 2023, 2026));

        Result signed = policy("sign", "--key", "keys", "2027.json");

        assertEquals(2, signed.exitStatus());
        assertTrue(signed.stderr().contains("2027年度不在这把区县密钥可签的年度（2023—2026）内"), signed.stderr());
        assertFalse(Files.exists(folder.resolve("2027.json.sig")));
        Result noKeys = policy("sign", "--key", "nowhere", "2027.json");
        assertEquals(2, noKeys.exitStatus());
        assertTrue(noKeys.stderr().contains("county-key.pem"), noKeys.stderr());
    }
}
