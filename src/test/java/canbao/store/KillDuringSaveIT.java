package canbao.store;

import canbao.account.Session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.policy.ResidentId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process in the middle of saving households: afterwards every household in the
 * database is whole (all four members, each with its enrolment) and the file is intact.
 */
class KillDuringSaveIT {

    private static final int HOUSEHOLDS = 3000;
    private static final int MEMBERS = 4;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "killed after at least {0} households")
    @ValueSource(ints = {5, 60, 250})
    void killedProcessLeavesNoPartialHousehold(int killAfter) throws Exception {
        Path input = folder.resolve("households.jsonl");
        Files.write(input, households(), StandardCharsets.UTF_8);
        Path data = folder.resolve("data");
        DataKey key;
        try (Session session = TestKeys.setUp(data)) {
            key = session.key();
        }
        ProcessBuilder enroll = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("canbao.jar", "target/canbao.jar"), "enroll", "--data", data.toString(),
                "--user", TestKeys.ADMIN);
        enroll.environment().put("CANBAO_PASSWORD", TestKeys.PASSWORD);
        Process process = enroll
                .redirectInput(input.toFile())
                .redirectOutput(folder.resolve("out.jsonl").toFile())
                .redirectError(folder.resolve("err.txt").toFile())
                .start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (households(data, key) < killAfter && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(process.isAlive(), "the process finished before it could be killed: "
                + Files.readString(folder.resolve("err.txt")));
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by the program
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));

        try (Connection db = TestKeys.connect(data.resolve(Database.FILE_NAME), key)) {
            assertEquals("ok", single(db, "PRAGMA integrity_check"));
            long saved = Long.parseLong(single(db, "SELECT count(*) FROM household"));
            assertTrue(saved >= killAfter && saved < HOUSEHOLDS, "households saved: " + saved);
            assertEquals("0", single(db, """
                    SELECT count(*) FROM household h
                    WHERE (SELECT count(*) FROM person p WHERE p.household_id = h.id) <> %d""".formatted(MEMBERS)),
                    "households without all their members");
            assertEquals("0", single(db, """
                    SELECT count(*) FROM person p
                    WHERE NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.person_id = p.id)"""),
                    "members without their enrolment");
            assertEquals(String.valueOf(saved * MEMBERS), single(db, "SELECT count(*) FROM enrollment"));
            assertEquals(String.valueOf(saved * (1 + 2 * MEMBERS)), single(db, "SELECT count(*) FROM outbox"),
                    "every stored row, and nothing else, is queued for upload");
        }
        // and the folder opens again for work, through the migrations
        try (Database reopened = Database.open(data, key)) {
            assertTrue(reopened.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM person")
                    .mapTo(Long.class).one()) > 0);
        }
    }

    private static long households(Path data, DataKey key) {
        Path file = data.resolve(Database.FILE_NAME);
        if (!Files.exists(file)) {
            return 0;
        }
        try (Connection db = TestKeys.connect(file, key)) {
            return Long.parseLong(single(db, "SELECT count(*) FROM household"));
        } catch (SQLException | RuntimeException e) {
            return 0; // not migrated yet, or busy: ask again
        }
    }

    private static String single(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> households() {
        List<String> lines = new ArrayList<>();
        for (int h = 0; h < HOUSEHOLDS; h++) {
            StringBuilder members = new StringBuilder();
            for (int m = 0; m < MEMBERS; m++) {
                // unique per household (address digits, birth month and day) and member (birth year, sequence)
                String birth = String.format("%04d%02d%02d", 1950 + m * 15, 1 + (h / 28) % 12, 1 + h % 28);
                String first17 = "5002" + String.format("%02d", (h / 336) % 100) + birth + String.format("%03d", m);
                String idNumber = first17 + ResidentId.checkCharacter(first17);
                if (members.length() > 0) {
                    members.append(',');
                }
                members.append("""
                        {"name":"成员%d","idNumber":"%s","relation":"%s",\
                        "enrollment":{"policyYear":2022,"tier":1,"paymentDate":"2022-01-10"}}"""
                        .formatted(m, idNumber, m == 0 ? "户主" : "家属"));
            }
            lines.add("""
                    {"household":{"number":"H%05d","village":"兴义村"},"members":[%s]}""".formatted(h, members));
        }
        return lines;
    }
}
