package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.store.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: "CLI errors print stack traces". Every command of the packaged jar, given bad input as a
 * script or a tired operator would give it (a missing file, a damaged database, a wrong kind, an
 * impossible date), answers with a message and exit 2 (64 for usage, 77 for sign-in): never a stack
 * trace, never an exception's name.
 */
class CommandErrorsIT {

    @TempDir
    Path folder;

    record Case(int exit, String... args) {
    }

    @Test
    void everyCommandAnswersBadInputWithAMessageAndAnExitStatus() throws Exception {
        Path data = folder.resolve("data");
        TestKeys.setUp(data).close();
        Path damaged = folder.resolve("damaged");
        TestKeys.setUp(damaged).close();
        Files.write(damaged.resolve("canbao.db"), "这不是数据库".repeat(2000).getBytes(StandardCharsets.UTF_8));
        Path notADatabase = folder.resolve("hub.db");
        Files.write(notADatabase, "garbage".repeat(2000).getBytes(StandardCharsets.US_ASCII));
        String user = TestKeys.ADMIN;
        String good = data.toString();
        String bad = damaged.toString();
        String missing = folder.resolve("没有/这个.csv").toString();

        List<Case> cases = List.of(
                new Case(2, "import", "--data", good, "--user", user, "--kind", "roster", missing),
                new Case(64, "import", "--data", good, "--user", user, "--kind", "people", missing),
                new Case(2, "import", "--data", bad, "--user", user, "--kind", "roster", missing),
                new Case(64, "report", "coverage", "--data", good, "--user", user, "--year", "二〇二二"),
                new Case(2, "report", "coverage", "--data", bad, "--user", user, "--year", "2022"),
                new Case(64, "report", "bulletin", "--data", good, "--user", user, "--year", "2022", "--out",
                        folder.resolve("b.xlsx").toString(), "--date", "2022-02-30"),
                new Case(2, "report", "bulletin", "--data", good, "--user", user, "--year", "2022", "--out",
                        folder.resolve("没有/b.pdf").toString()),
                new Case(2, "report", "shift", "--data", good, "--user", user, "--out",
                        folder.resolve("没有/s.xlsx").toString()),
                new Case(64, "report", "shift", "--data", good, "--user", user, "--out",
                        folder.resolve("s.xlsx").toString(), "--date", "yesterday"),
                new Case(2, "enroll", "--data", bad, "--user", user),
                new Case(2, "audit", "verify", "--data", bad, "--user", user),
                new Case(77, "audit", "verify", "--data", folder.resolve("nowhere").toString(), "--user", user),
                new Case(64, "setup", "--data", folder.resolve("new").toString()),
                new Case(2, "hub", "token", "--db", "jdbc:sqlite:" + folder.resolve("没有/hub.db"), "--device", "a",
                        "--township", "兴义镇"),
                new Case(2, "hub", "token", "--db", "jdbc:sqlite:" + notADatabase, "--device", "a", "--township",
                        "兴义镇"),
                new Case(64, "hub", "--port", "99999", "--db", "jdbc:sqlite:" + folder.resolve("h.db")),
                new Case(2, "hub", "--port", "0", "--db", "jdbc:sqlite:" + notADatabase),
                new Case(2, "quote", "--policy-dir", folder.resolve("没有").toString()),
                new Case(64, "bench", "nothing"),
                new Case(64, "frobnicate"));
        for (Case c : cases) {
            Result result = run(c.args());
            String said = String.join(" ", c.args()) + " → " + result.exit() + "\n" + result.stderr();
            assertEquals(c.exit(), result.exit(), said);
            assertFalse(result.stderr().contains("Exception") || result.stderr().contains("at canbao.")
                    || result.stderr().contains("at java."), said);
            assertFalse(result.stderr().isBlank() && result.stdout().isBlank(), "says something: " + said);
        }
    }

    record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("canbao.jar", "target/canbao.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CANBAO_PASSWORD", TestKeys.PASSWORD);
        builder.environment().remove("CANBAO_USER");
        Process process = builder.start();
        process.getOutputStream().write("{\"household\":\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out, err);
    }
}
