package canbao.report;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.Problem;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.RosterStore;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rosters, ledgers and targets imported from real XLSX and CSV files into a real SQLite file. */
class RosterImportTest {

    static final String HEADER = "户号,村(社区),组,姓名,身份证号,与户主关系,民族,联系电话";
    static final String ZHANG = "500230198003151079";
    static final String LI = "500230198207073877";
    static final String WANG = "500230200501011234";

    @TempDir
    Path folder;

    private Database database;
    private RosterImport imports;

    @BeforeEach
    void open() {
        database = Database.open(folder.resolve("data"), TestKeys.KEY);
        imports = new RosterImport(new RosterStore(database, Clock.systemUTC()), PolicyLibrary.builtIn(),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    static String validId(String first17) {
        return first17 + canbao.policy.ResidentId.checkCharacter(first17);
    }

    private Path csv(String name, String text, java.nio.charset.Charset charset) throws Exception {
        Path file = folder.resolve(name);
        Files.write(file, text.getBytes(charset));
        return file;
    }

    private long count(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private RosterImport.Report run(RosterImport.Kind kind, Path file) throws Exception {
        return imports.run(kind, file, "王芳", (done, total) -> { });
    }

    @Test
    void rosterInGb18030CsvIsImportedAndTheSameFileAgainChangesNothing() throws Exception {
        String wang = validId("50023020050101123");
        Path file = csv("花名册.csv", HEADER + "\r\n"
                + "0012,兴义村,3组,张三," + ZHANG + ",户主,汉,13800000000\r\n"
                + "0012,兴义村,3组,李四," + LI + ",配偶,汉,\r\n"
                + "\r\n"
                + "0013,龙河社区,,王五," + wang + ",户主,土家,\r\n", TableFile.GB18030);

        RosterImport.Report first = run(RosterImport.Kind.ROSTER, file);
        long queued = count("SELECT count(*) FROM outbox");
        RosterImport.Report again = run(RosterImport.Kind.ROSTER, file);

        assertEquals("GB18030", first.encoding());
        assertTrue(first.isValid(), first.outcome().problems()::toString);
        assertEquals(5, first.outcome().created(), "two households, three persons");
        assertEquals(3, count("SELECT count(*) FROM person"));
        assertEquals("1980-03-15 MALE", database.jdbi().withHandle(h -> h.createQuery(
                "SELECT birth_date || ' ' || sex FROM person WHERE id_number = ?").bind(0, ZHANG)
                .mapTo(String.class).one()), "birth date and sex come from the ID number");
        assertEquals(5, queued, "every new row is queued for upload");
        assertEquals(3, again.outcome().unchanged());
        assertEquals(0, again.outcome().created() + again.outcome().changed());
        assertEquals(queued, count("SELECT count(*) FROM outbox"), "re-importing queues nothing");
        assertEquals(List.of(1, 1), database.jdbi().withHandle(h -> h.createQuery(
                "SELECT max(revision) FROM person UNION ALL SELECT max(revision) FROM household")
                .mapTo(Integer.class).list()));
    }

    @Test
    void fileWithBadRowsImportsNothingAndNamesEveryProblemByLineAndColumn() throws Exception {
        Path file = csv("坏.csv", "\uFEFF" + HEADER + "\n"
                + "0012,兴义村,3组,张三," + ZHANG + ",户主,汉,\n"
                + "0012,兴义村,3组,李四,500230198207073870,配偶,汉,\n"
                + "0013,,1组,王五," + validId("50023020050101123") + ",户主,汉,abc\n"
                + "0014,兴义村,1组,赵六," + ZHANG + ",户主,汉,\n"
                + "0012,龙河村,3组,孙七," + validId("50023019900101123") + ",子,汉,\n", StandardCharsets.UTF_8);

        RosterImport.Report report = run(RosterImport.Kind.ROSTER, file);

        assertEquals("UTF-8", report.encoding());
        assertFalse(report.isValid());
        assertEquals(List.of(
                "第3行 身份证号: 身份证号校验码错误：按前17位应为7，实为0",
                "第4行 村(社区): 村(社区)不能为空",
                "第4行 联系电话: 联系电话应为11位手机号，或带区号的座机号（如023-12345678）",
                "第5行 身份证号: 身份证号500230********1079在本文件中出现了两次",
                "第6行 村(社区): 户号0012在本文件中前后写的“村(社区)”不一致：先写“兴义村”，这一行写“龙河村”"),
                report.outcome().problems().stream().map(p -> p.describe(Localization.CHINESE)).toList());
        assertEquals(0, count("SELECT count(*) FROM person"), "nothing of the file is in");
        assertEquals(0, count("SELECT count(*) FROM household"));
        assertEquals(0, count("SELECT count(*) FROM outbox"));
    }

    @Test
    void aNameOfSixtyCharactersIsRefusedAtImportWithTheScreensWords() throws Exception {
        String sixty = "张".repeat(60);
        // the screen (and enroll) save through the household service: its words for the name
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        var atTheScreen = households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                new HouseholdEntry.Member(sixty, ZHANG, null, null, "户主", "汉", List.of(), null, null, null))), "王芳");
        assertFalse(atTheScreen.isValid());
        Problem screen = atTheScreen.problems().get(0);
        assertEquals("members[0].name", screen.field());

        RosterImport.Report report = run(RosterImport.Kind.ROSTER, csv("长名.csv", HEADER + "\n"
                + "0012,兴义村,3组," + sixty + "," + ZHANG + ",户主,汉,\n", StandardCharsets.UTF_8));

        assertFalse(report.isValid());
        assertEquals(List.of("第2行 姓名: " + screen.message(Localization.CHINESE)),
                report.outcome().problems().stream().map(p -> p.describe(Localization.CHINESE)).toList());
        assertEquals("不能超过50个字", screen.message(Localization.CHINESE));
        assertEquals(0, count("SELECT count(*) FROM person"), "nothing of the file is in");
    }

    @Test
    void wrongHeaderIsRefusedNamingTheExpectedOne() throws Exception {
        Path file = csv("表头.csv", "户号,村,组,姓名,身份证号,与户主关系,民族,联系电话\n0012,兴义村,3组,张三," + ZHANG
                + ",户主,汉,\n", StandardCharsets.UTF_8);

        List<Problem> problems = run(RosterImport.Kind.ROSTER, file).outcome().problems();

        assertEquals(List.of("表头: 不认识的列“村”（表头应为：" + HEADER.replace(",", ", ") + "）",
                "表头: 缺少列“村(社区)”（表头应为：" + HEADER.replace(",", ", ") + "）"),
                problems.stream().map(p -> p.describe(Localization.CHINESE)).toList());
    }

    @Test
    void rosterInXlsxWithAFullWidthHeaderAndAPhoneTypedAsANumber() throws Exception {
        Path file = xlsx("花名册.xlsx", sheet -> {
            sheet.value(1, 0, "0012");
            sheet.value(1, 1, "兴义村");
            sheet.value(1, 3, "张三");
            sheet.value(1, 4, ZHANG);
            sheet.value(1, 7, 13800000000L);       // a mobile number typed as a number
        });

        RosterImport.Report report = run(RosterImport.Kind.ROSTER, file);

        assertTrue(report.isValid(), report.outcome().problems()::toString);
        assertEquals("XLSX", report.encoding());
        assertEquals("0012 兴义村 13800000000", database.jdbi().withHandle(h -> h.createQuery(
                "SELECT number || ' ' || village || ' ' || phone FROM household").mapTo(String.class).one()));
    }

    /**
     * Issue 20, defect 13: a CSV opened and saved as XLSX by an office suite stores ID numbers as
     * numbers (15 significant digits: 500230198003151079 becomes 500230198003151000) and 户号 0001 as 1.
     * Read back as digits, such a number can pass the check digit and import a different person.
     */
    @Test
    void idAndHouseholdNumbersStoredAsNumbersAreRefusedOnEveryRowAndNothingIsImported() throws Exception {
        Path file = xlsx("花名册（另存）.xlsx", sheet -> {
            sheet.value(1, 0, 1);                         // was "0001"
            sheet.value(1, 1, "兴义村");
            sheet.value(1, 3, "张三");
            sheet.value(1, 4, 5.00230198003151e17);       // was 500230198003151079
            sheet.value(2, 0, "0002");
            sheet.value(2, 1, "兴义村");
            sheet.value(2, 3, "李四");
            sheet.value(2, 4, 500230198207073000L);       // whole, and passes no check: still not the person's
        });

        RosterImport.Report report = run(RosterImport.Kind.ROSTER, file);

        assertFalse(report.isValid());
        List<String> problems = report.outcome().problems().stream().map(p -> p.describe(Localization.CHINESE))
                .toList();
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("第2行 户号: “户号”列是数字格式"), problems.get(0));
        assertTrue(problems.get(1).startsWith("第2行 身份证号: “身份证号”列是数字格式"), problems.get(1));
        assertTrue(problems.get(2).startsWith("第3行 身份证号: “身份证号”列是数字格式"), problems.get(2));
        assertTrue(problems.get(1).contains("设为“文本”") && problems.get(1).contains("导入模板"), problems.get(1));
        assertEquals(0, count("SELECT count(*) FROM person"), "nothing of the file is in");
        assertEquals(0, count("SELECT count(*) FROM household"));
    }

    /** Issue 20, defect 2: members with their own phones; the household keeps the head's; again changes nothing. */
    @Test
    void membersWithTheirOwnPhonesImportAndTheSameFileAgainChangesNothing() throws Exception {
        Path file = csv("花名册.csv", HEADER + "\n"
                + "0101,兴义村,3组,李四," + LI + ",配偶,汉,13900000000\n"
                + "0101,兴义村,3组,张三," + ZHANG + ",户主,汉,13800000000\n", StandardCharsets.UTF_8);

        RosterImport.Report first = run(RosterImport.Kind.ROSTER, file);
        long queued = count("SELECT count(*) FROM outbox");
        RosterImport.Report again = run(RosterImport.Kind.ROSTER, file);

        assertTrue(first.isValid(), first.outcome().problems()::toString);
        assertEquals("13800000000", database.jdbi().withHandle(h -> h.createQuery("SELECT phone FROM household")
                .mapTo(String.class).one()), "the head's number");
        assertTrue(again.isValid(), again.outcome().problems()::toString);
        assertEquals(0, again.outcome().created() + again.outcome().changed());
        assertEquals(queued, count("SELECT count(*) FROM outbox"), "re-importing queues nothing");
    }

    private Path xlsx(String name, java.util.function.Consumer<Worksheet> rows) throws Exception {
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("Sheet1");
            String[] header = {"户号", "村（社区）", "组", "姓名", "身份证号", "与户主关系", "民族", "联系电话"};
            for (int c = 0; c < header.length; c++) {
                sheet.value(0, c, header[c]);
            }
            rows.accept(sheet);
            workbook.finish();
        }
        return file;
    }

    @Test
    void ledgerCategoriesFeedTheQuotesAndNeedThePersonInTheRoster() throws Exception {
        run(RosterImport.Kind.ROSTER, csv("花名册.csv", HEADER + "\n0012,兴义村,3组,张三," + ZHANG + ",户主,汉,\n"
                + "0012,兴义村,3组,李四," + LI + ",配偶,汉,\n", StandardCharsets.UTF_8));
        Path ledger = csv("台账.csv", "姓名,身份证号,类别,认定部门,认定日期\n"
                + "李四," + LI + ",低保对象,民政办,2021-12-01\n", StandardCharsets.UTF_8);
        Path bad = csv("台账坏.csv", "姓名,身份证号,类别,认定部门,认定日期\n"
                + "张叁," + ZHANG + ",特困人员,民政办,2021-12-01\n"
                + "王五," + validId("50023020050101123") + ",低保,民政办,2021/13/01\n", StandardCharsets.UTF_8);

        RosterImport.Report refused = run(RosterImport.Kind.LEDGER, bad);
        RosterImport.Report imported = run(RosterImport.Kind.LEDGER, ledger);
        RosterImport.Report again = run(RosterImport.Kind.LEDGER, ledger);

        assertEquals(List.of("第2行 姓名: 姓名与户籍登记不符（登记为张三）",
                "第3行 类别: 不认识的类别“低保”：应为政策表中的类别名称，如“低保对象”",
                "第3行 认定日期: 认定日期应写成 2022-01-05 这样的日期"),
                refused.outcome().problems().stream().map(p -> p.describe(Localization.CHINESE)).toList());
        assertEquals(List.of("第2行 身份证号: 此身份证号不在户籍花名册中：请先导入花名册或登记该户"),
                run(RosterImport.Kind.LEDGER, csv("台账三.csv", "姓名,身份证号,类别,认定部门,认定日期\n王五,"
                        + validId("50023020050101123") + ",特困人员,民政办,\n", StandardCharsets.UTF_8))
                        .outcome().problems().stream().map(p -> p.describe(Localization.CHINESE)).toList());
        assertEquals(1, imported.outcome().created());
        assertEquals(1, again.outcome().unchanged());
        assertEquals("DIBAO 民政办 2021-12-01", database.jdbi().withHandle(h -> h.createQuery(
                "SELECT code || ' ' || certified_by || ' ' || certified_on FROM person_category")
                .mapTo(String.class).one()));

        // enrolling the family now quotes 李四 with the 低保 subsidy, from the ledger
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        var saved = households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                new HouseholdEntry.Member("李四", LI, null, null, "配偶", "汉",
                        List.of(new HouseholdEntry.Category("DIBAO", "民政办", LocalDate.of(2021, 12, 1))), null, null,
                        new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null)))),
                "王芳");
        assertTrue(saved.isValid(), saved.problems()::toString);
        assertEquals(3200, saved.value().members().get(0).enrollment().payable().fen(), "320 − 288 yuan");
        String ledgerEntry = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person_category")
                .mapTo(String.class).one());
        String snapshot = saved.value().members().get(0).enrollment().quoteSnapshot();
        assertTrue(snapshot.contains("\"subsidyBasis\":{\"categoryEntryId\":\"" + ledgerEntry
                + "\",\"code\":\"DIBAO\",\"certifiedBy\":\"民政办\",\"certifiedOn\":\"2021-12-01\"}"), snapshot);
    }

    @Test
    void targetsAreKeptPerVillageAndReplacedByANewFile() throws Exception {
        run(RosterImport.Kind.TARGETS, csv("应参保.csv", "村(社区),应参保人数\n兴义村,1200\n龙河社区,800\n",
                StandardCharsets.UTF_8));
        RosterImport.Report second = run(RosterImport.Kind.TARGETS, csv("应参保2.csv",
                "村(社区),应参保人数\n兴义村,1250\n龙河社区,800\n", StandardCharsets.UTF_8));
        RosterImport.Report bad = run(RosterImport.Kind.TARGETS, csv("应参保坏.csv",
                "村(社区),应参保人数\n兴义村,-3\n兴义村,12.5\n", StandardCharsets.UTF_8));

        assertEquals(1, second.outcome().changed());
        assertEquals(1, second.outcome().unchanged());
        assertEquals(List.of("兴义村=1250", "龙河社区=800"), database.jdbi().withHandle(h -> h.createQuery(
                "SELECT village || '=' || target FROM village_target ORDER BY village").mapTo(String.class).list()));
        assertEquals(List.of("第2行 应参保人数: 应参保人数应为不小于0的整数",
                "第3行 应参保人数: 应参保人数应为不小于0的整数", "第3行 村(社区): 村(社区)兴义村在本文件中出现了两次"),
                bad.outcome().problems().stream().map(p -> p.describe(Localization.CHINESE)).toList());
    }

    @Test
    void templatesHoldExactlyTheHeaders() throws Exception {
        Path xlsx = folder.resolve("模板.xlsx");
        Path csv = folder.resolve("模板.csv");
        Templates.write(RosterImport.Kind.ROSTER, xlsx);
        Templates.write(RosterImport.Kind.LEDGER, csv);

        try (TableFile template = TableFile.open(xlsx)) {
            assertEquals(List.of(HEADER.split(",")), template.headers());
            assertEquals(List.of(), template.rest());
        }
        try (TableFile template = TableFile.open(csv)) {
            assertEquals(List.of("姓名", "身份证号", "类别", "认定部门", "认定日期"), template.headers());
            assertEquals(List.of(), template.rest());
        }
    }
}
