package canbao.store;

import canbao.service.HouseholdService;
import canbao.service.HouseholdEntry;
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
        save("李明", new HouseholdEntry.EnrollmentRequest(2022, null, null, null, canbao.model.EnrollmentStatus.CANCELLED, null), "4组");
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
        // the audit shows the row before and after, from the outbox rows the entries refer to
        AuditTrail.Line change = new AuditTrail(database).latest("household", null, 10).stream()
                .filter(l -> l.revision() == 2).findFirst().orElseThrow();
        assertTrue(change.before().contains("\"group\":\"3组\"") && change.after().contains("\"group\":\"4组\""),
                change::toString);
        assertEquals(AuditTrail.Payload.INTACT, change.payload());
        assertNull(new AuditTrail(database).latest(null, null, 10).get(0).before());
        // each entry holds the SHA-256 of its outbox row's payload, not a second copy of it
        List<String> mismatched = database.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.seq || ' ' || a.after || ' ' || coalesce(a.before, '') FROM audit_log a
                JOIN outbox o ON o.entity = a.entity AND o.entity_id = a.entity_id AND o.revision = a.revision
                WHERE a.after <> '' OR a.before IS NOT NULL OR a.payload_sha256 IS NULL""").mapTo(String.class).list());
        assertEquals(List.of(), mismatched);
        database.jdbi().useHandle(h -> h.createQuery("""
                SELECT a.payload_sha256, o.payload FROM audit_log a JOIN outbox o ON o.entity = a.entity
                AND o.entity_id = a.entity_id AND o.revision = a.revision""")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .forEach(row -> assertEquals(canbao.model.Sha256.hex(row[1]), row[0])));
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
        sql("UPDATE audit_log SET at = replace(at, '20', '19') WHERE seq = 2");

        assertEquals(List.of("审计记录第2条的内容被改动过"), problems());
    }

    /** What changed is the outbox payload the entry refers to: editing it there breaks the entry. */
    @Test
    void editedOutboxPayloadIsFound() {
        sql("UPDATE outbox SET payload = replace(payload, '张三', '张叁') WHERE entity = 'person'");

        assertEquals(List.of("审计记录第2条所指的上传队列记录（person第1版）的内容被改动过"), problems());
        assertEquals(AuditTrail.Payload.EDITED, new AuditTrail(database).latest("person", null, 1).get(0).payload());
    }

    /** An outbox row removed (nothing in the program removes one: rows stay after upload) breaks its entry. */
    @Test
    void deletedOutboxRowIsFound() {
        sql("DELETE FROM outbox WHERE entity = 'household' AND revision = 2");

        assertEquals(List.of("审计记录第4条所指的上传队列记录（household第2版）不见了"), problems());
        AuditTrail.Line shown = new AuditTrail(database).latest("household", null, 1).get(0);
        assertEquals(AuditTrail.Payload.MISSING, shown.payload());
        assertNull(shown.after());
    }

    /** The hash and the outbox payload edited together: the chain still shows the entry was changed. */
    @Test
    void outboxPayloadEditedWithTheEntrysHashRecomputedStillBreaksTheChain() {
        sql("UPDATE outbox SET payload = replace(payload, '张三', '张叁') WHERE entity = 'person'");
        database.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET payload_sha256 = ? WHERE seq = 2",
                canbao.model.Sha256.hex(h.createQuery("SELECT payload FROM outbox WHERE entity = 'person'")
                        .mapTo(String.class).one())));
        AuditLogTestSupport.rehash(database, 2);

        assertEquals(List.of("审计记录第3条与前一条接不上（前一条被改动、删除或插入了记录）"), problems());
    }

    /** A referring entry rewritten as a text entry with the same hashed text is caught, not skipped. */
    @Test
    void referringEntryPassedOffAsTextIsFound() {
        sql("UPDATE audit_log SET after = char(1) || 'outbox sha256:' || payload_sha256, payload_sha256 = NULL "
                + "WHERE seq = 2");
        sql("UPDATE outbox SET payload = replace(payload, '张三', '张叁') WHERE entity = 'person'");

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
        sql("UPDATE audit_log SET operator = operator || ' ' WHERE seq = 5");

        List<Problem> found = new AuditVerifier(database).verify().problems();
        assertEquals("audit[5]", found.get(0).field());
    }
}
