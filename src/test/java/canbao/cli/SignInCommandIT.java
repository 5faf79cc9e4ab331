package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Role;
import canbao.account.Session;
import canbao.account.SignIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's commands on an encrypted data folder: set up, signed in, refused. */
class SignInCommandIT {

    private static final String HOUSEHOLD = """
            {"household":{"number":"0001","village":"兴义村"},"members":[{"name":"张三",\
            "idNumber":"500230198003151079","relation":"户主","enrollment":{"policyYear":2022,"tier":1,\
            "paymentDate":"2022-01-10"}}]}""";

    @TempDir
    Path folder;

    record Result(int exitStatus, String stdout, String stderr) {
    }

    @Test
    void setupThenEnrollAndAuditUnderTheSignedInLogin() throws Exception {
        Path data = folder.resolve("data");
        Result setup = run(Map.of("CANBAO_PASSWORD", "xingyi-2026"), "", "setup", "--data", data.toString(),
                "--township", "兴义镇", "--county", "500230", "--user", "wangfang", "--name", "王芳");
        assertEquals(0, setup.exitStatus(), setup.stderr());

        Result enroll = run(Map.of("CANBAO_PASSWORD", "xingyi-2026", "CANBAO_USER", "wangfang"), HOUSEHOLD + "\n",
                "enroll", "--data", data.toString());
        assertEquals(0, enroll.exitStatus(), enroll.stderr());
        assertTrue(enroll.stdout().contains("\"payable\":320"), enroll.stdout());

        Result audit = run(Map.of("CANBAO_PASSWORD", "xingyi-2026"), "", "audit", "verify", "--data", data.toString(),
                "--user", "wangfang");
        assertEquals(0, audit.exitStatus(), audit.stderr());
        assertTrue(audit.stdout().contains("\"intact\":true"), audit.stdout());
        SignIn.Outcome outcome = new SignIn(data, Clock.systemUTC()).signIn("wangfang", "xingyi-2026".toCharArray());
        try (Session session = ((SignIn.Outcome.SignedIn) outcome).session()) {
            assertEquals(List.of("wangfang"), session.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT DISTINCT created_by FROM enrollment").mapTo(String.class).list()));
        }
    }

    @Test
    void wrongPasswordNoPasswordAndACadreAtReportsAreRefusedWithExit77() throws Exception {
        Path data = folder.resolve("data");
        try (Session admin = canbao.store.TestKeys.setUp(data)) {
            char[] cadre = "zhao-village-7".toCharArray();
            admin.accounts(Clock.systemUTC()).add("zhaoqiang", "赵强", Role.CADRE, cadre, cadre, "wangfang");
        }
        Result wrong = run(Map.of("CANBAO_PASSWORD", "not-it-at-all"), HOUSEHOLD + "\n", "enroll", "--data",
                data.toString(), "--user", "wangfang");
        assertEquals(77, wrong.exitStatus());
        assertTrue(wrong.stderr().contains("登录名或口令不对（再输错4次"), wrong.stderr());

        Result none = run(Map.of(), "", "enroll", "--data", data.toString(), "--user", "wangfang");
        assertEquals(77, none.exitStatus());
        assertTrue(none.stderr().contains("CANBAO_PASSWORD"), none.stderr());

        Result cadre = run(Map.of("CANBAO_PASSWORD", "zhao-village-7"), "", "report", "coverage", "--data",
                data.toString(), "--user", "zhaoqiang", "--year", "2022");
        assertEquals(77, cadre.exitStatus());
        assertTrue(cadre.stderr().contains("村干部账户不能导入文件或生成乡镇报表"), cadre.stderr());

        Result elsewhere = run(Map.of("CANBAO_PASSWORD", "zhao-village-7", "CANBAO_HUB_TOKEN", "someone-elses"), "",
                "sync", "--data", data.toString(), "--user", "zhaoqiang", "--hub", "http://203.0.113.9:8080");
        assertEquals(77, elsewhere.exitStatus());
        assertTrue(elsewhere.stderr().contains("只有管理员可以更改汇总端地址和设备令牌"), elsewhere.stderr());

        // issue 13: a token on the command line shows in the process list, so it is never taken there
        Result onTheLine = run(Map.of("CANBAO_PASSWORD", "zhao-village-7"), "", "sync", "--data", data.toString(),
                "--user", "zhaoqiang", "--hub", "http://203.0.113.9:8080", "--token", "someone-elses");
        assertEquals(64, onTheLine.exitStatus(), "usage error");
        assertTrue(onTheLine.stderr().contains("CANBAO_HUB_TOKEN"), onTheLine.stderr());

        Result unset = run(Map.of("CANBAO_PASSWORD", "whatever-1"), "", "enroll", "--data",
                folder.resolve("new").toString(), "--user", "wangfang");
        assertEquals(77, unset.exitStatus());
        assertTrue(unset.stderr().contains("setup --data"), unset.stderr());
    }

    /**
     * Issue 13, as probed: twelve processes signing in with wrong passwords at the same moment once left
     * the lockout counter at 1 and crashed on a shared temporary file. Each try is counted: the login
     * ends locked, even against the right password, and no process crashed.
     */
    @Test
    void twelveWrongPasswordsAtOnceLockTheLoginWithoutACrash() throws Exception {
        Path data = folder.resolve("data");
        canbao.store.TestKeys.setUp(data).close();
        List<java.util.concurrent.Future<Result>> tries = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            for (int i = 0; i < 12; i++) {
                tries.add(pool.submit(() -> run(Map.of("CANBAO_PASSWORD", "not-it-at-all"), "", "audit", "verify",
                        "--data", data.toString(), "--user", "wangfang")));
            }
            for (java.util.concurrent.Future<Result> attempt : tries) {
                Result result = attempt.get(120, TimeUnit.SECONDS);
                assertEquals(77, result.exitStatus(), result.stderr());
                assertFalse(result.stderr().contains("Exception"), result.stderr());
            }
        } finally {
            pool.shutdownNow();
        }

        Result right = run(Map.of("CANBAO_PASSWORD", "xingyi-2026"), "", "audit", "verify", "--data", data.toString(),
                "--user", "wangfang");

        assertEquals(77, right.exitStatus(), "locked: " + right.stderr() + right.stdout());
        assertTrue(right.stderr().contains("锁定"), right.stderr());
    }

    private static Result run(Map<String, String> environment, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("canbao.jar", "target/canbao.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CANBAO_PASSWORD");
        builder.environment().remove("CANBAO_USER");
        // the lockout's second count goes to the build's folder, not the user's state folder
        builder.environment().put("XDG_STATE_HOME", Path.of("target", "state-it").toAbsolutePath().toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out, err);
    }
}
