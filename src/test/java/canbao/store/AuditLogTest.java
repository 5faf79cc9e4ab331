package canbao.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.Problem;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.report.RosterImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash-chained audit log: every change recorded with who, when, before and after; tampering shows. */
class AuditLogTest {

    private static final String ZHANG = "500230198003151079";

    @TempDir
    Path folder;

    private Database database;
    private HouseholdService households;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
        households = new HouseholdService(database, PolicyLibrary.builtIn(), new QuoteEngine(Localization.CHINESE),
                Clock.systemUTC());
        save("王芳", new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null), "3组");
        save("李明", new HouseholdEntry.EnrollmentRequest(2022, null, null, null, "cancelled", null), "4组");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void save(String operator, HouseholdEntry.EnrollmentRequest enrollment, String group) {
        var saved = households.save(new HouseholdEntry("0012", "兴义村", group, null, null, List.of(
                new HouseholdEntry.Member("张三", ZHANG, null, null, "户主", "汉", List.of(), null, null, enrollment))),
                operator);
        assertTrue(saved.isValid(), saved.problems()::toString);
    }

    private List<String> problems() {
        return new AuditVerifier(database).verify().problems().stream().map(p -> p.message(Localization.CHINESE))
                .toList();
    }

    private void sql(String statement) {
        database.jdbi().useHandle(h -> h.execute(statement));
    }

    @Test
    void everyCreateChangeAndCancelIsRecordedWithWhoWhenBeforeAndAfter() {
        List<String> entries = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT operator || ' ' || action || ' ' || entity || '@' || revision FROM audit_log ORDER BY seq")
                .mapTo(String.class).list());

        assertEquals(List.of("王芳 create household@1", "王芳 create person@1", "王芳 create enrollment@1",
                "李明 change household@2", "李明 cancel enrollment@2"), entries);
        String[] change = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT before, after FROM audit_log WHERE entity = 'household' AND revision = 2")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).one());
        assertTrue(change[0].contains("\"group\":\"3组\"") && change[1].contains("\"group\":\"4组\""));
        assertNull(database.jdbi().withHandle(h -> h.createQuery("SELECT before FROM audit_log WHERE seq = 1")
                .mapTo(String.class).one()));
        AuditVerifier.Result result = new AuditVerifier(database).verify();
        assertTrue(result.intact(), result.problems()::toString);
        assertEquals(5, result.entries());
    }

    @Test
    void importedRowsJoinTheSameChain() throws Exception {
        Path roster = folder.resolve("roster.csv");
        Files.writeString(roster, "户号,村(社区),组,姓名,身份证号,与户主关系,民族,联系电话\n"
                + "0012,兴义村,4组,张三," + ZHANG + ",户主,汉,\n0013,兴义村,1组,李四,500230198207073877,户主,汉,\n");
        var report = new RosterImport(new RosterStore(database, Clock.systemUTC()), PolicyLibrary.builtIn(),
                Clock.systemUTC()).run(RosterImport.Kind.ROSTER, roster, "王芳", (a, b) -> { });
        assertTrue(report.isValid());
        save("王芳", null, "5组");

        AuditVerifier.Result result = new AuditVerifier(database).verify();
        assertTrue(result.intact(), result.problems()::toString);
        assertEquals(8, result.entries(), "5 + a household and a person imported + the household changed again");
    }

    @Test
    void editedEntryIsFound() {
        sql("UPDATE audit_log SET after = replace(after, '张三', '张叁') WHERE seq = 2");

        assertEquals(List.of("审计记录第2条的内容被改动过"), problems());
    }

    @Test
    void editedEntryWithItsHashRecomputedStillBreaksTheChainAfterIt() {
        sql("UPDATE audit_log SET operator = '某人' WHERE seq = 3");
        AuditLogTestSupport.rehash(database, 3);

        assertEquals(List.of("审计记录第4条与前一条接不上（前一条被改动、删除或插入了记录）"), problems());
    }

    @Test
    void removedEntryIsFound() {
        sql("DELETE FROM audit_log WHERE seq = 2");

        assertEquals(List.of("审计记录缺失：第2至2条不见了", "审计记录第3条与前一条接不上（前一条被改动、删除或插入了记录）"),
                problems());
    }

    @Test
    void entriesCutOffTheEndAreFound() {
        sql("DELETE FROM audit_log WHERE seq >= 4");

        assertEquals(List.of("审计记录应到第5条，现只到第3条：末尾的记录被删除"), problems());
        assertFalse(new AuditVerifier(database).verify().intact());
    }

    /** Problems name the entry in their field, for a report that lists them. */
    @Test
    void problemsNameTheEntry() {
        sql("UPDATE audit_log SET after = after || ' ' WHERE seq = 5");

        List<Problem> found = new AuditVerifier(database).verify().problems();
        assertEquals("audit[5]", found.get(0).field());
    }
}
