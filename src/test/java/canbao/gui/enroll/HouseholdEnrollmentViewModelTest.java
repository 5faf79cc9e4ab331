package canbao.gui.enroll;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.gui.common.MemberRow;
import canbao.model.Localization;
import canbao.model.Tier;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.PersonSearch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The household screen's logic without a window, on a real SQLite data folder. */
class HouseholdEnrollmentViewModelTest {

    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 11, 22).atStartOfDay(ZoneId.of("Asia/Shanghai"))
            .toInstant(), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path folder;

    private Database database;
    private PersonSearch search;
    private HouseholdEnrollmentViewModel viewModel;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
        search = new PersonSearch(database);
        viewModel = screen("王芳");
    }

    @AfterEach
    void close() {
        search.close();
        database.close();
    }

    private HouseholdEnrollmentViewModel screen(String operator) {
        return screen(operator, canbao.report.SystemPrinting.none());
    }

    private HouseholdEnrollmentViewModel screen(String operator, canbao.report.Printing printing) {
        PolicyLibrary library = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        HouseholdEnrollmentViewModel screen = new HouseholdEnrollmentViewModel(new HouseholdService(database, library,
                engine, CLOCK), search, library, engine, new CurrentThreadTaskExecutor(), CLOCK, operator,
                Localization.CHINESE, new canbao.report.Printouts(library, "兴义镇", "王芳", Localization.CHINESE),
                canbao.gui.common.CoverageLookup.NONE, printing);
        // most cases here are the 2022 worked examples of POLICY.md
        screen.policyYearProperty().set(2022);
        return screen;
    }

    @Test
    void familyOfFourIsQuotedLiveAndSavedWhole() {
        fillFamily(viewModel);

        assertEquals("合计应缴：1367 元", viewModel.totalProperty().get());
        assertEquals("全家一档合计 992 元 / 全家二档合计 2460 元", viewModel.comparisonProperty().get());

        viewModel.save();

        assertEquals("已保存：户0012，4人登记参保，合计应缴1367元", viewModel.statusProperty().get());
        assertEquals(4, viewModel.members().size());
        assertTrue(viewModel.members().stream().allMatch(MemberRow::isEnrolled));
        assertTrue(viewModel.members().get(2).noteProperty().get().contains("应缴32元"),
                viewModel.members().get(2).noteProperty().get());
    }

    @Test
    void savedFamilysFeeNoticeIsWrittenAsPdfAndNothingBeforeSaving(@org.junit.jupiter.api.io.TempDir
                                                                   java.nio.file.Path printed) throws Exception {
        java.nio.file.Path slip = printed.resolve("告知单.pdf");
        Answers answers = new Answers(slip);
        viewModel.useDialogs(answers);
        viewModel.saveAsPdf(HouseholdEnrollmentViewModel.Printout.QUOTE_SLIP);
        assertEquals("请先保存或打开一户，再打印", viewModel.statusProperty().get());
        assertFalse(java.nio.file.Files.exists(slip));

        fillFamily(viewModel);
        viewModel.save();
        viewModel.saveAsPdf(HouseholdEnrollmentViewModel.Printout.QUOTE_SLIP);

        assertEquals("已存为PDF：" + slip, viewModel.statusProperty().get());
        assertEquals(List.of("费用告知单 户0012 2026-11-22.pdf"), answers.suggestedNames);
        try (var document = org.apache.pdfbox.Loader.loadPDF(slip.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertTrue(text.contains("户号：0012") && text.contains("合计应缴：1367元"), text);
        }
    }

    /**
     * Issue 20, defect 11: with no printer nothing is said to be made or printed; the status line says
     * there is no printer, and the receipt is offered as a PDF, written where the operator chose.
     */
    @Test
    void receiptWithNoPrinterSaysSoAndIsSavedAsPdfWhereChosen(@org.junit.jupiter.api.io.TempDir
                                                            java.nio.file.Path chosen) throws Exception {
        java.nio.file.Path file = chosen.resolve("凭条.pdf");
        Answers answers = new Answers(file);
        HouseholdEnrollmentViewModel screen = screen("王芳", new Printers(List.of(), null));
        screen.useDialogs(answers);
        fillFamily(screen);
        screen.save();

        screen.print(HouseholdEnrollmentViewModel.Printout.RECEIPT);

        assertEquals("没有打印“缴费凭条 户0012 2026-11-22”：没有可用的打印机（本机没有安装或连接打印机）；已存为PDF：" + file,
                screen.statusProperty().get());
        assertEquals(List.of("没有打印“缴费凭条 户0012 2026-11-22”：没有可用的打印机（本机没有安装或连接打印机）。\n要把它另存为PDF文件吗？"),
                answers.questions);
        try (var document = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertTrue(text.contains("缴费凭条") && text.contains("收据号：R0012") && text.contains("1367元"), text);
        }
    }

    /** A printer that refuses the job: the status says nothing was printed and repeats the printer's words. */
    @Test
    void refusedPrintJobSaysNothingWasPrintedAndWhy() {
        Answers answers = new Answers(null);
        Printers printers = new Printers(List.of("柜台打印机"), new canbao.report.Printing.Result(
                canbao.report.Printing.Outcome.FAILED, "柜台打印机", "lpr: Error - The printer or class does not exist."));
        HouseholdEnrollmentViewModel screen = screen("王芳", printers);
        screen.useDialogs(answers);
        fillFamily(screen);
        screen.save();

        screen.print(HouseholdEnrollmentViewModel.Printout.RECEIPT);

        assertEquals("没有打印“缴费凭条 户0012 2026-11-22”：打印机“柜台打印机”没有接受："
                + "lpr: Error - The printer or class does not exist.；没有保存PDF", screen.statusProperty().get());
        assertFalse(screen.statusProperty().get().contains("已生成"));
        assertEquals(List.of("缴费凭条 户0012 2026-11-22"), printers.jobs);
    }

    /** Sent: the status names the printer and the job, and says that it was sent, not printed. */
    @Test
    void receiptSentToTheOnlyPrinterUnderTheDocumentsName() {
        Printers printers = new Printers(List.of("柜台打印机"), new canbao.report.Printing.Result(
                canbao.report.Printing.Outcome.SENT, "柜台打印机", null));
        HouseholdEnrollmentViewModel screen = screen("王芳", printers);
        fillFamily(screen);
        screen.save();

        screen.print(HouseholdEnrollmentViewModel.Printout.RECEIPT);

        assertEquals("已送打印机“柜台打印机”：缴费凭条 户0012 2026-11-22（A4，原大）", screen.statusProperty().get());
        assertEquals(List.of("缴费凭条 户0012 2026-11-22"), printers.jobs);
        assertTrue(new String(printers.pdfs.get(0), 0, 5, java.nio.charset.StandardCharsets.US_ASCII).startsWith("%PDF"));
    }

    /** The operator's answers: yes to every question (recorded), and the file to save to. */
    private static final class Answers implements canbao.gui.common.DialogService {
        final List<String> questions = new java.util.ArrayList<>();
        final List<String> suggestedNames = new java.util.ArrayList<>();
        private final java.nio.file.Path file;

        Answers(java.nio.file.Path file) {
            this.file = file;
        }

        @Override
        public boolean confirm(String title, String question, String yes, String no) {
            questions.add(question);
            return true;
        }

        @Override
        public java.util.Optional<String> askText(String title, String question, int maxLength) {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<java.nio.file.Path> chooseFileToSave(String title, String suggestedName,
                                                                       List<FileType> types) {
            suggestedNames.add(suggestedName);
            return java.util.Optional.ofNullable(file);
        }
    }

    /** The machine's printers as a test sets them: their names and what every job comes to. */
    private static final class Printers implements canbao.report.Printing {
        final List<String> jobs = new java.util.ArrayList<>();
        final List<byte[]> pdfs = new java.util.ArrayList<>();
        private final List<String> names;
        private final Result result;

        Printers(List<String> names, Result result) {
            this.names = names;
            this.result = result;
        }

        @Override
        public List<String> printers() {
            return names;
        }

        @Override
        public Result print(String printer, String documentName, byte[] pdf) {
            jobs.add(documentName);
            pdfs.add(pdf);
            return result;
        }
    }

    @Test
    void memberFormShowsProblemsNextToItsFieldsAndAddsNothing() {
        viewModel.memberForm().nameProperty().set("");
        viewModel.memberForm().idNumberProperty().set("5002301980031510");

        assertFalse(viewModel.addMember());

        assertEquals("缺少必填项", viewModel.errors().get("member.name"));
        assertEquals("身份证号应为18位，实为16位", viewModel.errors().get("member.idNumber"));
        assertTrue(viewModel.members().isEmpty());
        // issue 20, defect 4: the status line names the fields, as their labels read
        assertEquals("未添加，请改正：身份证号、姓名", viewModel.statusProperty().get());
        assertEquals(1, viewModel.refusalsProperty().get(), "the view takes the cursor to the first of them");
    }

    @Test
    void leavingTheIdNumberFieldSaysAtOnceWhatIsWrong() {
        viewModel.memberForm().idNumberProperty().set("500230198003151078");
        viewModel.checkIdNumber();
        assertEquals("身份证号校验码错误：按前17位应为9，实为8", viewModel.errors().get("member.idNumber"));

        viewModel.memberForm().idNumberProperty().set("500230198003151079");
        viewModel.checkIdNumber();
        assertEquals(null, viewModel.errors().get("member.idNumber"));
    }

    @Test
    void secondEnrolmentOfTheSamePersonIsRefusedOnItsRowWhenAddedAndNothingIsSaved() {
        fillFamily(viewModel);
        viewModel.save();
        long enrolments = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enrollment")
                .mapTo(Long.class).one());

        HouseholdEnrollmentViewModel other = screen("李明");
        other.paymentDateProperty().set(LocalDate.of(2022, 2, 1));
        other.numberProperty().set("0099");
        other.villageProperty().set("兴义村");
        add(other, "张三", "500230198003151079", "户主", Tier.ONE);
        assertTrue(other.members().get(0).noteProperty().get().startsWith("已在户0012（兴义村）参加2022年度居民医保"),
                other.members().get(0).noteProperty().get());
        other.save();

        assertEquals("没有要登记的成员：已参保的成员不会重复登记", other.statusProperty().get());
        assertEquals((Long) enrolments, database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enrollment")
                .mapTo(Long.class).one()));
    }

    @Test
    void searchFindsTheFamilyByPinyinInitialsAndOpensIt() {
        fillFamily(viewModel);
        viewModel.save();
        viewModel.newHousehold();

        viewModel.queryProperty().set("zlh");
        viewModel.search();
        viewModel.open(viewModel.hits().get(0));

        assertEquals("0012", viewModel.numberProperty().get());
        assertEquals(4, viewModel.members().size());
        assertEquals("张老汉", viewModel.hits().get(0).name());
        assertEquals("500230********1230", viewModel.hits().get(0).maskedIdentity());
    }

    @Test
    void storedMemberIsEditedInTheFormAndSavedWithoutEnrollingAgain() {
        fillFamily(viewModel);
        viewModel.save();

        MemberRow grandfather = viewModel.members().get(2);
        viewModel.edit(grandfather);
        assertEquals("张老汉", viewModel.memberForm().nameProperty().get());
        assertEquals(java.util.List.of("DIBAO"), viewModel.memberForm().categories());
        viewModel.memberForm().nameProperty().set("张老爷");
        viewModel.memberForm().certifiedByProperty().set("兴义镇民政办");
        viewModel.memberForm().certifiedOnProperty().set(LocalDate.of(2021, 10, 1));
        assertTrue(viewModel.addMember());
        assertEquals("张老爷", viewModel.members().get(2).name(), "back in its place");
        viewModel.save();

        assertTrue(viewModel.statusProperty().get().startsWith("已保存：户0012，0人"), viewModel.statusProperty().get());
        var stored = database.jdbi().withHandle(h -> h.createQuery("""
                SELECT p.name, c.certified_by, c.certified_on FROM person p
                JOIN person_category c ON c.person_id = p.id AND c.deleted = 0
                WHERE p.id_number = '500230194501011230'""").mapToMap().one());
        assertEquals("张老爷", stored.get("name"));
        assertEquals("兴义镇民政办", stored.get("certified_by"));
        assertEquals("2021-10-01", stored.get("certified_on"));
    }

    @Test
    void employeeInsuranceEndAndGraduationYearChangeTheQuote() {
        viewModel.paymentDateProperty().set(LocalDate.of(2022, 9, 15));
        viewModel.memberForm().nameProperty().set("张三");
        viewModel.memberForm().idNumberProperty().set("500230198003151079");
        viewModel.memberForm().graduationYearProperty().set("2022");
        assertTrue(viewModel.addMember());
        viewModel.memberForm().nameProperty().set("李四");
        viewModel.memberForm().idNumberProperty().set("500230198207073877");
        viewModel.memberForm().employeeInsuranceEndedOnProperty().set(LocalDate.of(2022, 7, 1));
        assertTrue(viewModel.addMember());

        assertEquals(LocalDate.of(2022, 9, 1), viewModel.members().get(0).quote().benefitStart());
        assertEquals("320", viewModel.members().get(0).quote().payable().toString());
        assertEquals(LocalDate.of(2022, 9, 15), viewModel.members().get(1).quote().benefitStart());
        assertEquals("900", viewModel.members().get(1).quote().payable().toString());
    }

    @Test
    void screenOpensOnTheYearBeingCollected() {
        PolicyLibrary library = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        HouseholdEnrollmentViewModel fresh = new HouseholdEnrollmentViewModel(new HouseholdService(database, library,
                engine, CLOCK), search, library, engine, new CurrentThreadTaskExecutor(), CLOCK, "王芳",
                Localization.CHINESE, new canbao.report.Printouts(library, "兴义镇", "王芳", Localization.CHINESE));

        assertEquals(2026, fresh.policyYearProperty().get(), "Nov 2026: no 2027 table yet, so 2026");
    }

    /**
     * 张三 paid for 2024 here and not for 2025: opened for 2026, his row shows the broken year and the
     * four months' wait; repairing 2025 costs 400 and brings the wait to three months; saved, the
     * snapshot keeps the history with its source.
     */
    @Test
    void brokenYearFromTheCountersOwnRecordsIsShownAndOneRepairYearIsChosen() throws Exception {
        HouseholdService service = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), CLOCK);
        String household = service.save(new canbao.service.HouseholdEntry("0012", "兴义村", "3组", null, null,
                java.util.List.of(new canbao.service.HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主",
                        "汉", null, null, null, new canbao.service.HouseholdEntry.EnrollmentRequest(2024, 1,
                        LocalDate.of(2023, 11, 10), "R-2024", null, null)))), "王芳").value().household().id();
        viewModel = new HouseholdEnrollmentViewModel(service, search, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), new CurrentThreadTaskExecutor(), CLOCK, "王芳",
                Localization.CHINESE, new canbao.report.Printouts(PolicyLibrary.builtIn(), "兴义镇", "王芳",
                Localization.CHINESE), service::knownHistory);
        viewModel.policyYearProperty().set(2026);
        viewModel.paymentDateProperty().set(LocalDate.of(2025, 12, 15));

        viewModel.openHousehold(household);
        viewModel.receiptNoProperty().set("R-2026");
        MemberRow row = viewModel.members().get(0);

        assertEquals(1, row.quote().brokenYears(), row.quote()::explanation);
        assertEquals(4, row.quote().waitingMonths());
        assertEquals(LocalDate.of(2026, 4, 16), row.quote().benefitStart());
        assertEquals("合计应缴：400 元", viewModel.totalProperty().get());

        viewModel.edit(row);
        assertEquals("2024年（本所）；未查询汇总端", viewModel.memberForm().historyTextProperty().get());
        viewModel.memberForm().repairYearsProperty().set(2);
        assertFalse(viewModel.addMember(), "two years repaired, one broken");
        assertTrue(viewModel.errors().snapshot().toString().contains("member.repairYears"),
                viewModel.errors().snapshot().toString());
        viewModel.memberForm().repairYearsProperty().set(1);
        assertTrue(viewModel.addMember(), () -> viewModel.errors().snapshot().toString());

        MemberRow repaired = viewModel.members().get(0);
        assertEquals(new java.math.BigDecimal("800"), repaired.quote().payable().yuan());
        assertEquals(3, repaired.quote().waitingMonths());
        assertEquals(LocalDate.of(2026, 3, 16), repaired.quote().benefitStart());
        assertEquals("合计应缴：800 元", viewModel.totalProperty().get());

        viewModel.save();

        assertEquals("已保存：户0012，1人登记参保，合计应缴800元", viewModel.statusProperty().get());
        String snapshot = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT quote_snapshot FROM enrollment WHERE policy_year = 2026").mapTo(String.class).one());
        assertTrue(snapshot.contains("\"sources\":[{\"year\":2024,\"source\":\"counter\"}]"), snapshot);
        assertTrue(snapshot.contains("\"repairYears\":1"), snapshot);
    }

    @Test
    void declaredYearNeedsItsEvidenceAndClosesTheGap() {
        viewModel.policyYearProperty().set(2026);
        viewModel.paymentDateProperty().set(LocalDate.of(2025, 12, 15));
        viewModel.memberForm().nameProperty().set("张三");
        viewModel.memberForm().idNumberProperty().set("500230198003151079");
        viewModel.memberForm().declaredYearsProperty().set("2024 2025");

        assertFalse(viewModel.addMember());
        assertTrue(viewModel.errors().snapshot().containsKey("member.declaredEvidence"),
                viewModel.errors().snapshot().toString());

        viewModel.memberForm().declaredEvidenceProperty().set("2024–2025年在重庆某公司参加职工医保");
        assertTrue(viewModel.addMember(), () -> viewModel.errors().snapshot().toString());

        MemberRow row = viewModel.members().get(0);
        assertEquals(0, row.quote().brokenYears());
        assertEquals(3, row.quote().continuousYears());
        assertEquals(LocalDate.of(2026, 1, 1), row.quote().benefitStart());
        assertTrue(row.quote().provisional(), "2026's enrolment period is provisional");
        assertTrue(viewModel.provisionalNoteProperty().get().contains("待区县核定"));
    }

    /** Issue 20, defect 7: a saved family shows what was paid, when, the receipt, and the rules. */
    @Test
    void savedFamilyShowsWhatWasPaidAndTheRulesBehindIt() {
        fillFamily(viewModel);
        viewModel.receiptNoProperty().set("R0012");

        viewModel.save();

        assertEquals("合计应缴：0 元（本户本年度已缴 1367 元）", viewModel.totalProperty().get());
        MemberRow dibao = viewModel.members().get(2);
        assertEquals(new java.math.BigDecimal("32"), dibao.quote().payable().yuan());
        assertEquals(LocalDate.of(2022, 1, 1), dibao.quote().benefitStart());
        assertTrue(dibao.noteProperty().get().endsWith("，2022-01-10缴费，收据R0012"), dibao.noteProperty().get());
        viewModel.selectedProperty().set(dibao);
        assertTrue(viewModel.explanationProperty().get().contains("低保对象（最低生活保障家庭成员）参加一档资助288元"),
                viewModel.explanationProperty().get());
    }

    /** Issue 20, defect 5: a person already enrolled is said when added, not at the save, and not totalled. */
    @Test
    void aPersonAlreadyEnrolledIsSaidWhenAddedAndLeftOutOfTheTotalAndTheSave() {
        fillFamily(viewModel);
        viewModel.save();
        viewModel.newHousehold();
        viewModel.numberProperty().set("0013");
        viewModel.villageProperty().set("兴义村");
        viewModel.receiptNoProperty().set("R0013");

        add(viewModel, "张三", "500230198003151079", "户主", Tier.ONE);
        add(viewModel, "王五", "500230197001011236".substring(0, 17)
                + canbao.policy.ResidentId.checkCharacter("50023019700101123"), "子", Tier.ONE);

        MemberRow again = viewModel.members().get(0);
        assertEquals("已在户0012（兴义村）参加2022年度居民医保（2022-01-10，王芳登记），不计入本户合计、不会重复登记；点“打开该户”查看",
                again.noteProperty().get());
        assertEquals("合计应缴：320 元", viewModel.totalProperty().get());

        viewModel.save();
        assertEquals("已保存：户0013，1人登记参保，合计应缴320元", viewModel.statusProperty().get());

        viewModel.openEnrolledIn(again);
        assertEquals("0012", viewModel.numberProperty().get());
    }

    /** Issue 20, defect 8: a search result does not silently replace the household being typed. */
    @Test
    void openingAnotherHouseholdAsksBeforeUnsavedWorkIsLost() {
        fillFamily(viewModel);
        viewModel.save();
        viewModel.newHousehold();
        viewModel.numberProperty().set("0013");
        viewModel.villageProperty().set("兴义村");
        add(viewModel, "王五", "500230197001011236".substring(0, 17)
                + canbao.policy.ResidentId.checkCharacter("50023019700101123"), "户主", Tier.ONE);
        List<String> asked = new java.util.ArrayList<>();
        boolean[] answer = {false};
        viewModel.useDialogs(new canbao.gui.common.DialogService() {
            @Override
            public boolean confirm(String title, String question, String yes, String no) {
                asked.add(question);
                return answer[0];
            }

            @Override
            public java.util.Optional<String> askText(String title, String question, int maxLength) {
                return java.util.Optional.empty();
            }
        });
        viewModel.queryProperty().set("zs");
        viewModel.search();

        viewModel.open(viewModel.hits().get(0));

        assertEquals(List.of("户0013还有1名成员没有保存（或正在录入），打开别的户会丢掉这些内容。确定放弃吗？"), asked);
        assertEquals("0013", viewModel.numberProperty().get(), "kept: the clerk said no");
        assertEquals(1, viewModel.members().size());

        answer[0] = true;
        viewModel.open(viewModel.hits().get(0));

        assertEquals("0012", viewModel.numberProperty().get());
    }

    @Test
    void removingAnUnsavedMemberAsksAndAStoredOneIsNotRemoved() {
        fillFamily(viewModel);
        List<String> asked = new java.util.ArrayList<>();
        viewModel.useDialogs(new canbao.gui.common.DialogService() {
            @Override
            public boolean confirm(String title, String question, String yes, String no) {
                asked.add(question);
                return true;
            }

            @Override
            public java.util.Optional<String> askText(String title, String question, int maxLength) {
                return java.util.Optional.empty();
            }
        });
        viewModel.selectedProperty().set(viewModel.members().get(3));

        viewModel.removeSelected();

        assertEquals(List.of("从本户的录入中删除“张小花”？（还没有保存，删除后不会登记）"), asked);
        assertEquals(3, viewModel.members().size());
        viewModel.save();
        viewModel.selectedProperty().set(viewModel.members().get(0));
        viewModel.removeSelected();
        assertEquals(3, viewModel.members().size());
        assertEquals("张三已保存在本户：这里不删除已保存的成员（人员记录要留存）", viewModel.statusProperty().get());
    }

    /** Issue 20, defect 9: the money is taken at the counter, so a paid enrolment needs its receipt number. */
    @Test
    void savingAPaidEnrolmentWithoutAReceiptNumberIsRefusedNextToTheField() {
        fillFamily(viewModel);
        viewModel.receiptNoProperty().set("");

        viewModel.save();

        assertEquals("收费后请填收据号（缴费凭条上的号码）", viewModel.errors().get("household.receiptNo"));
        assertEquals("未保存，请改正：收据号", viewModel.statusProperty().get());
        assertEquals(0L, (long) database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enrollment")
                .mapTo(Long.class).one()));
    }

    @Test
    void anEthnicityThatIsNoneOfTheFiftySixIsRefusedAtOnce() {
        viewModel.memberForm().nameProperty().set("张三");
        viewModel.memberForm().idNumberProperty().set("500230198003151079");
        viewModel.memberForm().ethnicityProperty().set("汉人");

        assertFalse(viewModel.addMember());
        assertEquals("民族“汉人”不是56个民族之一（可写“汉”或“汉族”）", viewModel.errors().get("member.ethnicity"));

        viewModel.memberForm().ethnicityProperty().set("土家族");
        assertTrue(viewModel.addMember(), () -> viewModel.errors().snapshot().toString());
    }

    static void fillFamily(HouseholdEnrollmentViewModel viewModel) {
        viewModel.policyYearProperty().set(2022);
        viewModel.paymentDateProperty().set(LocalDate.of(2022, 1, 10));
        viewModel.receiptNoProperty().set("R0012");
        viewModel.numberProperty().set("0012");
        viewModel.villageProperty().set("兴义村");
        viewModel.groupProperty().set("3组");
        add(viewModel, "张三", "500230198003151079", "户主", Tier.ONE);
        add(viewModel, "李四", "500230198207073877", "配偶", Tier.TWO);
        viewModel.memberForm().categories().setAll("DIBAO");
        add(viewModel, "张老汉", "500230194501011230", "父亲", Tier.ONE);
        add(viewModel, "张小花", "500230201005051244", "女", Tier.ONE);
    }

    static void add(HouseholdEnrollmentViewModel viewModel, String name, String idNumber, String relation, Tier tier) {
        viewModel.memberForm().nameProperty().set(name);
        viewModel.memberForm().idNumberProperty().set(idNumber);
        viewModel.memberForm().relationProperty().set(relation);
        viewModel.memberForm().tierProperty().set(tier);
        assertTrue(viewModel.addMember(), () -> viewModel.errors().snapshot().toString());
    }
}
