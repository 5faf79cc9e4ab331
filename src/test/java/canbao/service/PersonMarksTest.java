package canbao.service;

import canbao.store.AuditVerifier;
import canbao.store.Database;
import canbao.store.OutboxDao;
import canbao.store.OutboxQueue;
import canbao.store.RenewalStore;
import canbao.store.RenewalVillage;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.model.Localization;
import canbao.model.MarkKind;
import canbao.model.PersonMark;
import canbao.model.Problem;
import canbao.model.Validated;
import canbao.policy.KnownHistory;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.report.RenewalWorklist;
import canbao.sync.SyncClient;
import canbao.sync.Uploader;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonMarksTest {

    static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    static final Clock CLOCK = Clock.fixed(RenewalVillage.TODAY.atTime(10, 0).atZone(CHONGQING).toInstant(), CHONGQING);
    static final LocalDate HEARD = LocalDate.of(2025, 11, 18);

    @TempDir
    Path folder;

    private Database database;
    private HouseholdService households;
    private PersonMarks marks;
    private RenewalWorklist worklist;

    @BeforeEach
    void fillTheTownship() {
        database = Database.open(folder.resolve("counter"), TestKeys.KEY);
        new WorkplaceSettings(database).save(new Workplace("兴义镇", "500230", "王芳"));
        PolicyLibrary policies = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        households = new HouseholdService(database, policies, engine, CLOCK);
        RenewalVillage.fill(households);
        marks = new PersonMarks(database, CLOCK);
        worklist = new RenewalWorklist(new RenewalStore(database), policies, engine, CLOCK, Localization.CHINESE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void markedPeopleLeaveTheToDoCountButStayListedUnderTheirMark() {
        assertTrue(marks.mark(person(RenewalVillage.SUN_BA), 2026, MarkKind.MOVED_OUT, null, HEARD, "wangfang")
                .isValid());
        assertTrue(marks.mark(person(RenewalVillage.ZHAO_LIU), 2026, MarkKind.REFUSED, "嫌贵，明年再说", HEARD,
                "wangfang").isValid());
        assertTrue(marks.mark(person(RenewalVillage.WANG_WU), 2026, MarkKind.EMPLOYEE_INSURANCE, null, HEARD,
                "wangfang").isValid());

        RenewalWorklist.Worklist list = worklist.compute(2026, "兴义村");

        assertEquals(new RenewalWorklist.Counts(7, 1, 0, 3), list.township());
        List<String> lastTwo = list.households().stream().map(RenewalWorklist.Household::number).toList();
        // 0002 has no one left to chase: it goes to the end of the village, still listed
        assertEquals(List.of("0003", "0001", "0004", "0002"), lastTwo);
        RenewalWorklist.Household wang = list.households().get(3);
        assertEquals(List.of("employee_insurance", "refused"),
                wang.members().stream().map(m -> m.mark().kind().code()).toList());
        assertEquals("嫌贵，明年再说", wang.members().get(1).mark().reason());
        assertEquals(0, wang.toRenewCount());
        assertEquals("0", wang.total().toString());
    }

    @Test
    void employeeInsuranceCountsTheYearAsCoveredInTheHistory() {
        marks.mark(person(RenewalVillage.WANG_WU), 2026, MarkKind.EMPLOYEE_INSURANCE, null, HEARD, "wangfang");

        KnownHistory history = households.knownHistory(RenewalVillage.WANG_WU, null, 2027);

        assertEquals(List.of(2025, 2026), List.copyOf(history.years().keySet()));
        assertEquals(KnownHistory.Source.COUNTER, history.years().get(2026));
    }

    @Test
    void movedOutHoldsForTheLaterYearsAndARefusalOnlyForItsYear() {
        marks.mark(person(RenewalVillage.SUN_BA), 2026, MarkKind.MOVED_OUT, null, HEARD, "wangfang");
        marks.mark(person(RenewalVillage.ZHAO_LIU), 2026, MarkKind.REFUSED, "外出务工", HEARD, "wangfang");

        List<RenewalStore.Row> rows2027 = new RenewalStore(database).rows(2027, "兴义村");

        assertEquals(MarkKind.MOVED_OUT, row(rows2027, "孙八").mark().kind());
        assertEquals(null, row(rows2027, "赵六").mark());
    }

    @Test
    void aMarkIsCheckedChangedAuditedQueuedAndTakenBack() {
        String zhao = person(RenewalVillage.ZHAO_LIU);
        assertEquals(List.of(Problem.of("mark.reason", "field.missing")),
                marks.mark(zhao, 2026, MarkKind.REFUSED, " ", HEARD, "wangfang").problems());
        assertEquals(List.of(Problem.of("mark.markedOn", "date.future", LocalDate.of(2025, 11, 21))),
                marks.mark(zhao, 2026, MarkKind.DECEASED, null, LocalDate.of(2025, 11, 21), "wangfang").problems());
        Validated<PersonMark> paid = marks.mark(person(RenewalVillage.SUN_QI), 2026, MarkKind.DECEASED, null, HEARD,
                "wangfang");
        assertEquals("已缴纳2026年度费用，无需标记", paid.problems().get(0).message(Localization.CHINESE));

        PersonMark first = marks.mark(zhao, 2026, MarkKind.ELSEWHERE, null, HEARD, "wangfang").value();
        PersonMark same = marks.mark(zhao, 2026, MarkKind.ELSEWHERE, null, HEARD, "wangfang").value();
        PersonMark changed = marks.mark(zhao, 2026, MarkKind.DECEASED, null, HEARD, "wangfang").value();
        assertEquals(1, same.audit().revision());
        assertEquals(first.id(), changed.id());
        assertEquals(2, changed.audit().revision());
        assertTrue(marks.unmark(zhao, 2026, "wangfang"));
        assertFalse(marks.unmark(zhao, 2026, "wangfang"));

        assertEquals(List.of("create", "change", "delete"), database.jdbi().withHandle(h -> h.createQuery(
                "SELECT action FROM audit_log WHERE entity = 'person_mark' ORDER BY seq").mapTo(String.class).list()));
        assertEquals(List.of("person_mark/" + first.id() + "@1", "person_mark/" + first.id() + "@2",
                        "person_mark/" + first.id() + "@3"),
                database.jdbi().withHandle(h -> h.attach(OutboxDao.class).keys()).stream()
                        .filter(k -> k.startsWith("person_mark/")).toList());
        assertTrue(new AuditVerifier(database).verify().intact());
        // taken back: 赵六 is to renew again
        assertEquals(null, row(new RenewalStore(database).rows(2026, "兴义村"), "赵六").mark());
    }

    @Test
    void marksAreUploadedToTheHubLikeAnyRecordAndABadOneIsRefusedAlone() throws Exception {
        marks.mark(person(RenewalVillage.SUN_BA), 2026, MarkKind.MOVED_OUT, null, HEARD, "wangfang");
        marks.mark(person(RenewalVillage.ZHAO_LIU), 2026, MarkKind.REFUSED, "嫌贵", HEARD, "wangfang");
        // a mark the counter would never write (a refusal without its reason) must not reach the hub's tables
        database.jdbi().useHandle(h -> h.execute("""
                INSERT INTO outbox (entity, entity_id, revision, payload, queued_at) VALUES ('person_mark',
                'bad-mark', 1, '{"id":"bad-mark","person":"p","policyYear":2026,"kind":"refused","markedOn":"2025-11-18"}',
                '2025-11-20T02:00:00Z')"""));
        Path hubFile = folder.resolve("hub.db");
        try (Hub hub = Hub.open("jdbc:sqlite:" + hubFile, Clock.systemUTC());
             HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
            String token = hub.registerDevice("兴义镇-1", "兴义镇");
            WorkplaceSettings settings = new WorkplaceSettings(database);
            OutboxQueue queue = new OutboxQueue(database, new Workplace("兴义镇", "500230", "wangfang"),
                    settings.deviceId().orElseThrow(), Clock.systemUTC());
            SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + server.port()), token,
                    Duration.ofSeconds(30));
            Uploader.Summary summary = new Uploader(queue, client, Clock.systemUTC(), wait -> { }, 100)
                    .uploadAll(Duration.ofSeconds(60));

            assertEquals(1, summary.rejected(), summary.toString());
            assertEquals(0, summary.pending());
            try (Connection hubDb = DriverManager.getConnection("jdbc:sqlite:" + hubFile);
                 ResultSet rs = hubDb.createStatement().executeQuery(
                         "SELECT count(*) FROM sync_record WHERE entity = 'person_mark'")) {
                assertEquals(2, rs.getInt(1));
            }
        }
        assertEquals("kind reason", database.jdbi().withHandle(h -> h.createQuery(
                "SELECT hub_message FROM outbox WHERE entity_id = 'bad-mark'").mapTo(String.class).one())
                .startsWith("reason:") ? "kind reason" : "other");
    }

    private String person(String idNumber) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE id_number = ?")
                .bind(0, idNumber).mapTo(String.class).one());
    }

    private static RenewalStore.Row row(List<RenewalStore.Row> rows, String name) {
        return rows.stream().filter(r -> r.person().name().equals(name)).findFirst().orElseThrow();
    }
}
