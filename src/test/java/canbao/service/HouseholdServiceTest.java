package canbao.service;

import canbao.store.OutboxDao;
import canbao.store.StoreFixture;

import static canbao.store.StoreFixture.household;
import static canbao.store.StoreFixture.member;
import static canbao.store.StoreFixture.paying;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Enrollment;
import canbao.model.EnrollmentStatus;
import canbao.model.Localization;
import canbao.model.Money;
import canbao.model.Person;
import canbao.model.Problem;
import canbao.model.Validated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HouseholdServiceTest {

    @TempDir
    Path folder;

    private StoreFixture store;

    @BeforeEach
    void openStore() {
        store = new StoreFixture(folder);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void familyOfFourWithOneDibaoMemberIsSavedWholeWithItsQuotes() throws Exception {
        HouseholdService.Saved saved = save(household("0012",
                paying("张三", "500230198003151079", "户主", 1, "2022-01-10"),
                paying("李四", "500230198207073877", "配偶", 2, "2022-01-10"),
                paying("张老汉", "500230194501011230", "父亲", 1, "2022-01-10", "DIBAO"),
                paying("张小花", "500230201005051244", "女", 1, "2022-01-10")));

        List<Money> payable = saved.members().stream().map(m -> m.enrollment().payable()).toList();
        assertEquals(List.of(Money.ofYuan(320), Money.ofYuan(695), Money.ofYuan(32), Money.ofYuan(320)), payable);
        assertEquals(1, store.count("household"));
        assertEquals(4, store.count("person"));
        assertEquals(4, store.count("enrollment"));
        assertEquals(1, store.count("person_category"));

        Enrollment dibao = saved.members().get(2).enrollment();
        assertEquals(EnrollmentStatus.PAID, dibao.status());
        assertEquals("2022.1", dibao.tableVersion());
        assertEquals(LocalDate.of(2022, 1, 1), dibao.benefitStart());
        JsonNode snapshot = new ObjectMapper().readTree(dibao.quoteSnapshot());
        assertEquals("288", snapshot.get("subsidy").toString());
        assertEquals("2022.1", snapshot.get("tableVersion").asText());
        assertTrue(snapshot.get("rules").toString().contains("潼医保发〔2021〕26号 二（一）"));
        assertEquals("王芳", dibao.audit().createdBy());
        assertEquals(1, dibao.audit().revision());
    }

    @Test
    void secondEnrolmentForTheSameYearIsRefusedNamingTheFirstAndNothingOfTheLineIsSaved() {
        save(household("0012", paying("张三", "500230198003151079", "户主", 1, "2022-01-10")));

        List<Problem> problems = refused(household("0012",
                member("李四", "500230198207073877", "配偶"),
                paying("张三", "500230198003151079", "户主", 2, "2022-02-01")));

        assertEquals(1, problems.size());
        assertEquals("members[1].idNumber", problems.get(0).field());
        assertEquals("已参加2022年度居民医保（户0012，兴义村，2022年1月10日由王芳登记），不能重复参保",
                problems.get(0).message(Localization.CHINESE));
        assertEquals(1, store.count("person"), "李四 was not saved with the refused line");
        assertEquals(1, store.count("enrollment"));
    }

    @Test
    void onePersonCannotBeRegisteredInTwoHouseholds() {
        save(household("0012", member("张三", "500230198003151079", "户主")));

        List<Problem> problems = refused(household("0013", member("张三", "500230198003151079", "户主")));

        assertEquals("members[0].idNumber", problems.get(0).field());
        assertTrue(problems.get(0).message(Localization.CHINESE).contains("0012"));
        assertEquals(1, store.count("household"));
    }

    @Test
    void householdWithAnExistingNumberIsUpdatedAndMembersLeftOutStay() {
        HouseholdService.Saved first = save(household("0012",
                paying("张三", "500230198003151079", "户主", 1, "2022-01-10"),
                member("李四", "500230198207073877", "配偶")));
        HouseholdEntry changed = new HouseholdEntry("0012", "兴义村", "4组", null, "13900000000",
                List.of(member("张三丰", "500230198003151079", "户主")));

        HouseholdService.Saved second = save(changed);

        assertEquals(first.household().id(), second.household().id());
        assertEquals("4组", second.household().groupName());
        assertEquals(2, second.household().audit().revision());
        assertEquals(2, store.count("person"));
        Person renamed = second.members().get(0).person();
        assertEquals("张三丰", renamed.name());
        assertEquals(2, renamed.audit().revision());
        assertNull(second.members().get(0).enrollment(), "no enrolment asked for: the existing one stays");
        assertEquals(1, store.count("enrollment"));
    }

    @Test
    void everyProblemIsReportedAndNothingIsWritten() {
        HouseholdEntry bad = new HouseholdEntry("", " ", null, null, "abc", List.of(
                paying("", "500230198003151078", "户主", 3, "2022-01-10"),
                new HouseholdEntry.Member("张小宝", null, LocalDate.of(2022, 3, 1), null, "子", null, null, null, null,
                        null)));

        List<String> fields = refused(bad).stream().map(Problem::field).toList();

        assertEquals(List.of("household.number", "household.village", "household.phone", "members[0].name",
                "members[0].idNumber", "members[0].enrollment.tier", "members[1].idNumber"), fields);
        assertEquals(0, store.count("household"));
        assertEquals(0, store.count("person"));
    }

    @Test
    void paymentTheRulesRefuseIsReportedOnThePaymentDate() {
        List<Problem> problems = refused(household("0012",
                paying("张三", "500230198003151079", "户主", 1, "2022-10-08")));

        assertEquals("members[0].enrollment.paymentDate", problems.get(0).field());
        assertTrue(problems.get(0).message(Localization.CHINESE).contains("2022年9月30日"));
        assertEquals(0, store.count("household"));
    }

    @Test
    void newbornIsCoveredWithItsEnrolledGuardianWithoutPayment() {
        HouseholdEntry.Member newborn = new HouseholdEntry.Member("张小宝", null, LocalDate.of(2022, 3, 1),
                "Q500123456", "子", "汉", null, null, null,
                new HouseholdEntry.EnrollmentRequest(2022, null, null, null, null, "500230198003151079"));

        HouseholdService.Saved saved = save(household("0012",
                paying("张三", "500230198003151079", "户主", 1, "2022-01-10"), newborn));

        Enrollment covered = saved.members().get(1).enrollment();
        assertEquals(Enrollment.WITH_GUARDIAN, covered.kind());
        assertEquals(saved.members().get(0).person().id(), covered.guardianPersonId());
        assertEquals(Money.ZERO, covered.payable());
        assertEquals(LocalDate.of(2022, 3, 1), covered.benefitStart());
        assertNull(covered.tier());
    }

    @Test
    void newbornCannotBeCoveredWithAGuardianWhoHasNotPaid() {
        HouseholdEntry.Member newborn = new HouseholdEntry.Member("张小宝", null, LocalDate.of(2022, 3, 1),
                "Q500123456", "子", "汉", null, null, null,
                new HouseholdEntry.EnrollmentRequest(2022, null, null, null, null, "500230198003151079"));

        List<Problem> problems = refused(household("0012", member("张三", "500230198003151079", "户主"), newborn));

        assertEquals("members[1].enrollment.withGuardian", problems.get(0).field());
        assertEquals(0, store.count("person"));
    }

    @Test
    void newbornRegisteredByCertificateKeepsItsRecordWhenItGetsAnIdNumber() {
        HouseholdEntry.Member byCertificate = new HouseholdEntry.Member("张小宝", null, LocalDate.of(2022, 3, 1),
                "Q500123456", "子", "汉", null, null, null, null);
        String personId = save(household("0012", member("张三", "500230198003151079", "户主"), byCertificate))
                .members().get(1).person().id();
        HouseholdEntry.Member withNumber = new HouseholdEntry.Member("张小宝", "500110202203010025",
                LocalDate.of(2022, 3, 1), "Q500123456", "子", "汉", null, null, null, null);

        Person updated = save(household("0012", withNumber)).members().get(0).person();

        assertEquals(personId, updated.id());
        assertEquals("500110202203010025", updated.idNumber());
        assertEquals(2, store.count("person"));
    }

    @Test
    void draftIsReplacedWhenPaidAndCancellationFreesTheYear() {
        HouseholdEntry.Member draft = new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", null,
                null, null, null, new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 5), null,
                canbao.model.EnrollmentStatus.DRAFT, null));
        assertEquals(EnrollmentStatus.DRAFT, save(household("0012", draft)).members().get(0).enrollment().status());

        save(household("0012", paying("张三", "500230198003151079", "户主", 2, "2022-01-10")));
        HouseholdEntry.Member cancel = new HouseholdEntry.Member("张三", "500230198003151079", null, null, null, null,
                null, null, null, new HouseholdEntry.EnrollmentRequest(2022, null, null, null, canbao.model.EnrollmentStatus.CANCELLED, null));
        save(household("0012", cancel));
        Enrollment again = save(household("0012", paying("张三", "500230198003151079", "户主", 1, "2022-02-01")))
                .members().get(0).enrollment();

        assertEquals(EnrollmentStatus.PAID, again.status());
        assertEquals(3, store.count("enrollment"));
        long live = store.database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM enrollment WHERE status <> 'cancelled'").mapTo(Long.class).one());
        assertEquals(1, live);
    }

    @Test
    void categoriesListedReplaceTheHeldOnesAndAreUsedForLaterQuotes() {
        save(household("0012", new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", null,
                List.of(new HouseholdEntry.Category("DIBAO", "民政办", LocalDate.of(2021, 10, 1))), null, null, null)));
        HouseholdEntry.Member payingWithStoredCategories = new HouseholdEntry.Member("张三", "500230198003151079",
                null, null, "户主", null, null, null, null,
                new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null));

        Enrollment enrollment = save(household("0012", payingWithStoredCategories)).members().get(0).enrollment();

        assertEquals(Money.ofYuan(32), enrollment.payable());
        save(household("0012", new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", null,
                List.of(), null, null, null)));
        long liveCategories = store.database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM person_category WHERE deleted = 0").mapTo(Long.class).one());
        assertEquals(0, liveCategories);
        assertEquals(1, store.count("person_category"), "the dropped category stays as a tombstone");
    }

    @Test
    void everySavedChangeIsQueuedForUploadInTheSameTransaction() {
        HouseholdService.Saved first = save(household("0012",
                paying("张三", "500230198003151079", "户主", 1, "2022-01-10", "DIBAO"),
                member("李四", "500230198207073877", "配偶")));
        String householdId = first.household().id();
        String zhang = first.members().get(0).person().id();
        String enrollmentId = first.members().get(0).enrollment().id();

        assertEquals(List.of("household/" + householdId + "@1", "person/" + zhang + "@1",
                "person/" + first.members().get(1).person().id() + "@1"), outbox().subList(0, 3));
        assertTrue(outbox().contains("enrollment/" + enrollmentId + "@1"));
        assertEquals(5, outbox().size(), "household, two persons, a category, an enrolment");

        refused(household("0012", paying("王五", "500230198003151078", "户主", 1, "2022-01-10")));
        assertEquals(5, outbox().size(), "a refused save queues nothing");

        HouseholdEntry.Member cancel = new HouseholdEntry.Member("张三", "500230198003151079", null, null, null, null,
                List.of(), null, null, new HouseholdEntry.EnrollmentRequest(2022, null, null, null, canbao.model.EnrollmentStatus.CANCELLED, null));
        save(new HouseholdEntry("0012", "兴义村", "4组", null, null, List.of(cancel)));

        List<String> queued = outbox();
        assertTrue(queued.contains("household/" + householdId + "@2"), queued::toString);
        assertTrue(queued.contains("enrollment/" + enrollmentId + "@2"), queued::toString);
        assertEquals(1, queued.stream().filter(key -> key.startsWith("person_category/") && key.endsWith("@2"))
                .count(), "the dropped category is queued as a tombstone");
        String cancelled = store.database.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM outbox WHERE entity = 'enrollment' AND revision = 2").mapTo(String.class).one());
        assertTrue(cancelled.contains("\"status\":\"cancelled\""), cancelled);
        assertTrue(cancelled.contains("\"payableFen\":3200"), cancelled);
    }

    /** Issue 20, defect 9: a payment is recorded when the money is taken, so never after today. */
    @Test
    void aPaymentDatedAfterTodayIsRefusedOnItsField() {
        // the store's clock says 2026-11-22
        HouseholdEntry.Member tomorrow = new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主",
                "汉", null, null, null, new HouseholdEntry.EnrollmentRequest(2026, 1, LocalDate.of(2026, 11, 23), "R1",
                null, null));

        List<Problem> problems = refused(household("0012", tomorrow));

        assertEquals("members[0].enrollment.paymentDate", problems.get(0).field());
        assertEquals("缴费日期2026年11月23日晚于今天：收费时登记，请改为实际缴费日", problems.get(0).message(Localization.CHINESE));
        assertEquals(0, store.count("household"));
    }

    @Test
    void aPhoneThatIsNeitherAMobileNorALandlineIsRefused() {
        HouseholdEntry entry = new HouseholdEntry("0012", "兴义村", "3组", null, "12345",
                List.of(paying("张三", "500230198003151079", "户主", 1, "2022-01-10")));

        List<Problem> problems = refused(entry);

        assertEquals("household.phone", problems.get(0).field());
    }

    /** Issue 13: NUL, ESC, bidi overrides and invisible-only names are not stored; nor is year 0. */
    @Test
    void controlCharactersBidiOverridesAndImpossibleDatesAreRefusedOnTheirFields() {
        HouseholdEntry.Member nul = new HouseholdEntry.Member("\u0000张三", "500230198003151079", null, null, "户主",
                "汉", null, null, null, null);
        HouseholdEntry.Member bidi = new HouseholdEntry.Member("\u202E四李", "500230198207073877", null, null, "配偶",
                "汉", null, LocalDate.of(0, 1, 1), null, null);

        List<Problem> problems = refused(new HouseholdEntry("0012", "兴义村\u001B", "3组", null, null, List.of(nul, bidi)));

        assertEquals(List.of("household.village text.control", "members[0].name text.control",
                        "members[1].name text.bidi", "members[1].employeeInsuranceEndedOn date.range"),
                problems.stream().map(p -> p.field() + " " + p.key()).toList());
        assertEquals(0, store.count("person"));
    }

    private List<String> outbox() {
        return store.database.jdbi().withExtension(OutboxDao.class, OutboxDao::keys);
    }

    /**
     * One stored person named twice in one entry — once by ID number, once by 出生医学证明 number — is one
     * person entered twice: refused at the second, nothing saved (not enrolled twice, not a stale read).
     */
    @Test
    void aStoredPersonNamedOnceByIdNumberAndOnceByBirthCertificateIsRefusedAsRepeated() {
        String id = "500230202201050016";
        save(household("0012", new HouseholdEntry.Member("张小宝", id, LocalDate.of(2022, 1, 5), "Q500123456", "子",
                "汉", List.of(), null, null, null, null)));
        HouseholdEntry.EnrollmentRequest pay = new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10),
                "R-1", null, null);
        List<Problem> problems = refused(household("0012",
                new HouseholdEntry.Member("张小宝", id, null, null, "子", "汉", List.of(), null, null, pay, null),
                new HouseholdEntry.Member("张小宝", null, LocalDate.of(2022, 1, 5), "Q500123456", "子", "汉", List.of(),
                        null, null, pay, null)));

        assertEquals(List.of("member.repeated"), problems.stream().map(Problem::key).toList(), problems::toString);
        assertEquals(0, store.count("enrollment"));
    }

    private HouseholdService.Saved save(HouseholdEntry entry) {
        Validated<HouseholdService.Saved> saved = store.households.save(entry, "王芳");
        assertTrue(saved.isValid(), () -> saved.problems().stream()
                .map(p -> p.describe(Localization.CHINESE)).toList().toString());
        assertNotNull(saved.value().household().id());
        return saved.value();
    }

    private List<Problem> refused(HouseholdEntry entry) {
        Validated<HouseholdService.Saved> saved = store.households.save(entry, "王芳");
        assertFalse(saved.isValid());
        return saved.problems();
    }
}
