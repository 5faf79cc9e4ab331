package canbao.report;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.ReportCommand;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.CoverageStore;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.RosterStore;
import canbao.store.ShiftStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage by village from imported files and real enrolments: rate = enrolled ÷ target, a person
 * counts once, cancelled and unpaid enrolments do not count, a newborn covered with its guardian does.
 */
class CoverageReportTest {

    static final String ZHANG = RosterImportTest.ZHANG;
    static final String LI = RosterImportTest.LI;
    static final String WANG = RosterImportTest.validId("50023019700101123");
    static final String ZHAO = RosterImportTest.validId("50023019600101123");
    static final String SUN = RosterImportTest.validId("50023019500101123");
    static final String ZHOU = RosterImportTest.validId("50023019900101123");

    @TempDir
    Path folder;

    private Database database;
    private CoverageReport report;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.open(folder.resolve("data"), TestKeys.KEY);
        RosterImport imports = new RosterImport(new RosterStore(database, Clock.systemUTC()), PolicyLibrary.builtIn(),
                Clock.systemUTC());
        importing(imports, RosterImport.Kind.ROSTER, RosterImportTest.HEADER + "\n"
                + "0012,兴义村,3组,张三," + ZHANG + ",户主,汉,\n"
                + "0012,兴义村,3组,李四," + LI + ",配偶,汉,\n"
                + "0013,兴义村,1组,王五," + WANG + ",户主,汉,13800000001\n"
                + "0013,兴义村,1组,赵六," + ZHAO + ",父亲,汉,13800000001\n"
                + "0021,龙河社区,,孙七," + SUN + ",户主,汉,\n"
                + "0031,石桥村,2组,周八," + ZHOU + ",户主,汉,\n");
        importing(imports, RosterImport.Kind.LEDGER, "姓名,身份证号,类别,认定部门,认定日期\n"
                + "李四," + LI + ",低保对象,民政办,2021-12-01\n"
                + "赵六," + ZHAO + ",特困人员,民政办,2021-06-01\n");
        importing(imports, RosterImport.Kind.TARGETS, "村(社区),应参保人数\n兴义村,5\n龙河社区,1\n新村,3\n");

        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        save(households, "0012", "兴义村", paid("张三", ZHANG), paid("李四", LI),
                new HouseholdEntry.Member("张小宝", null, LocalDate.of(2022, 3, 1), "Q500123456", "子", "汉", null, null,
                        null, new HouseholdEntry.EnrollmentRequest(2022, null, null, null, null, ZHANG)));
        save(households, "0013", "兴义村", paid("王五", WANG), member("赵六", ZHAO,
                new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, canbao.model.EnrollmentStatus.DRAFT, null)));
        save(households, "0013", "兴义村", member("王五", WANG,
                new HouseholdEntry.EnrollmentRequest(2022, null, null, null, canbao.model.EnrollmentStatus.CANCELLED, null)));
        save(households, "0021", "龙河社区", paid("孙七", SUN));
        report = new CoverageReport(new CoverageStore(database), PolicyLibrary.builtIn());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void importing(RosterImport imports, RosterImport.Kind kind, String csv) throws Exception {
        Path file = folder.resolve(kind + ".csv");
        Files.writeString(file, csv);
        RosterImport.Report done = imports.run(kind, file, "王芳", (a, b) -> { });
        assertTrue(done.isValid(), done.outcome().problems()::toString);
    }

    private static HouseholdEntry.Member paid(String name, String id) {
        return member(name, id, new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null,
                null));
    }

    private static HouseholdEntry.Member member(String name, String id, HouseholdEntry.EnrollmentRequest request) {
        return new HouseholdEntry.Member(name, id, null, null, null, null, null, null, null, request);
    }

    private static void save(HouseholdService households, String number, String village,
                             HouseholdEntry.Member... members) {
        var saved = households.save(new HouseholdEntry(number, village, null, null, null, List.of(members)), "王芳");
        assertTrue(saved.isValid(), saved.problems()::toString);
    }

    private static CoverageReport.Village line(String village, Integer target, long enrolled, String rate, Long gap,
                                               long low, long lowEnrolled, long notEnrolled) {
        return new CoverageReport.Village(village, target, enrolled, rate == null ? null : new BigDecimal(rate), gap,
                low, lowEnrolled, notEnrolled);
    }

    @Test
    void villagesCountPaidAndGuardianCoverOnceAndNeitherCancelledNorDrafts() {
        CoverageReport.Coverage coverage = report.compute(2022);

        assertEquals(List.of(
                line("兴义村", 5, 3, "0.6000", 2L, 2, 1, 2),
                line("新村", 3, 0, "0.0000", 3L, 0, 0, 0),
                line("石桥村", null, 0, null, null, 0, 0, 1),
                line("龙河社区", 1, 1, "1.0000", 0L, 0, 0, 0)), coverage.villages());
        assertEquals(line("合计", null, 4, null, null, 2, 1, 3), coverage.township());
    }

    @Test
    void anotherYearCountsItsOwnEnrolmentsAndOnlyPeopleBornByItsEnd() {
        CoverageReport.Coverage coverage = report.compute(2021);

        assertEquals(line("兴义村", 5, 0, "0.0000", 5L, 2, 0, 4), coverage.villages().get(0),
                "张小宝 was born in 2022");
    }

    /** Issue 12: the current season is counted like any other year (the 2026 table is built in). */
    @Test
    void theCurrentSeasonCountsItsEnrolmentsAndItsLowIncomePeople() {
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        save(households, "0013", "兴义村", member("赵六", ZHAO, new HouseholdEntry.EnrollmentRequest(2026, 1,
                LocalDate.of(2025, 12, 15), "R2026", null, null)));

        CoverageReport.Coverage coverage = report.compute(2026);

        assertEquals(line("兴义村", 5, 1, "0.2000", 4L, 2, 1, 4), coverage.villages().get(0), "张小宝 (born 2022) counts");
        assertEquals(List.of("兴义村 3组 0012 李四 " + canbao.model.IdMask.mask(LI) + " DIBAO"),
                report.lowIncomeNotEnrolled(2026).stream().map(m -> m.village() + " " + m.group() + " "
                        + m.householdNumber() + " " + m.name() + " " + m.maskedIdNumber() + " " + m.lowIncomeCodes())
                        .toList());
    }

    @Test
    void worklistsNameTheLowIncomeAndEveryoneNotEnrolledByVillageAndGroup() {
        assertEquals(List.of("兴义村 1组 0013 赵六 " + canbao.model.IdMask.mask(ZHAO) + " TEKUN"),
                report.lowIncomeNotEnrolled(2022).stream().map(m -> m.village() + " " + m.group() + " "
                        + m.householdNumber() + " " + m.name() + " " + m.maskedIdNumber() + " " + m.lowIncomeCodes())
                        .toList());
        assertEquals(List.of("兴义村 0013 王五", "兴义村 0013 赵六", "石桥村 0031 周八"),
                report.notEnrolled(2022).stream().map(m -> m.village() + " " + m.householdNumber() + " " + m.name())
                        .toList());
    }

    @Test
    void shiftSummaryCountsTodaysPaidEnrolmentsByOperatorAndWhatTheHubConfirmed() {
        ShiftStore shift = new ShiftStore(database);
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        LocalDate today = LocalDate.now(zone);
        assertEquals(List.of(new ShiftStore.OperatorDay("王芳", 4, new canbao.model.Money(67_200), 0)),
                shift.day(today, zone), "张三 320, 李四 32 with 低保, 张小宝 0 with his guardian, 孙七 320; not 王五");
        database.jdbi().useHandle(h -> h.execute("UPDATE outbox SET status = 'uploaded' WHERE entity = 'enrollment' "
                + "AND entity_id = (SELECT e.id FROM enrollment e JOIN person p ON p.id = e.person_id "
                + "WHERE p.name = '孙七')"));
        assertEquals(1, shift.day(today, zone).get(0).uploaded());
        assertEquals(List.of(), shift.day(today.minusDays(1), zone));
    }

    @Test
    void cliPrintsTheSameFiguresAsJson() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ReportCommand(report).run(2022, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("""
                {"policyYear":2022,"villages":[
                 {"village":"兴义村","target":5,"enrolled":3,"rate":0.6000,"gapTo95":2,"lowIncomeTotal":2,
                  "lowIncomeEnrolled":1,"notEnrolled":2},
                 {"village":"新村","target":3,"enrolled":0,"rate":0.0000,"gapTo95":3,"lowIncomeTotal":0,
                  "lowIncomeEnrolled":0,"notEnrolled":0},
                 {"village":"石桥村","target":null,"enrolled":0,"rate":null,"gapTo95":null,"lowIncomeTotal":0,
                  "lowIncomeEnrolled":0,"notEnrolled":1},
                 {"village":"龙河社区","target":1,"enrolled":1,"rate":1.0000,"gapTo95":0,"lowIncomeTotal":0,
                  "lowIncomeEnrolled":0,"notEnrolled":0}],
                 "township":{"village":"合计","target":null,"enrolled":4,"rate":null,"gapTo95":null,
                  "lowIncomeTotal":2,"lowIncomeEnrolled":1,"notEnrolled":3}}"""),
                json.readTree(bytes.toString(StandardCharsets.UTF_8)));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("\"rate\":0.6000"), "rate to 4 decimals");
    }
}
