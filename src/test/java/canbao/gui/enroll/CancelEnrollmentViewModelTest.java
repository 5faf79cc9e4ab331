package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.gui.common.DialogService;
import canbao.gui.common.MemberRow;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.PersonSearch;
import canbao.store.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, defect 8: 作废 on the enrolment screen — a saved enrolment cancelled with the reason the
 * operator must give, through the store's own cancellation (as {@code enroll} cancels), audited and
 * queued for upload; a village cadre is refused. Real SQLite data folder, no window.
 */
class CancelEnrollmentViewModelTest {

    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2022, 1, 11).atTime(9, 30)
            .atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path folder;

    private Database database;
    private PersonSearch search;
    private HouseholdEnrollmentViewModel viewModel;
    private final List<String> asked = new ArrayList<>();
    private Optional<String> answer = Optional.empty();

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
        search = new PersonSearch(database);
        PolicyLibrary library = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        viewModel = new HouseholdEnrollmentViewModel(new HouseholdService(database, library, engine, CLOCK), search,
                library, engine, new CurrentThreadTaskExecutor(), CLOCK, "lijuan", Localization.CHINESE,
                new canbao.report.Printouts(library, "兴义镇", "李娟", Localization.CHINESE));
        viewModel.useDialogs(new DialogService() {
            @Override
            public boolean confirm(String title, String question, String yes, String no) {
                return true;
            }

            @Override
            public Optional<String> askText(String title, String question, int maxLength) {
                throw new AssertionError("the reason is asked with askReason");
            }

            @Override
            public Optional<String> askReason(String title, String question, String yes, String no, int maxLength) {
                asked.add(title + "｜" + question + "｜" + yes + "｜" + no + "｜" + maxLength);
                return answer;
            }
        });
        HouseholdEnrollmentViewModelTest.fillFamily(viewModel);
        viewModel.save();
        assertTrue(viewModel.members().stream().allMatch(MemberRow::isEnrolled));
    }

    @AfterEach
    void close() {
        search.close();
        database.close();
    }

    @Test
    void aClerkCancelsAPaidEnrolmentWithAReasonAndTheFamilyShowsItCancelledAuditedAndQueued() {
        viewModel.allowCancelling(true);
        answer = Optional.of("重复收费，已退款");
        viewModel.selectedProperty().set(viewModel.members().get(2));

        viewModel.cancelSelected();

        assertEquals(List.of("作废参保登记｜作废张老汉的2022年度参保登记（应缴32元）？作废后此人本年度不再算参保；记录留存，记入操作日志并上传汇总端。"
                + "请填写作废原因：｜作废｜不作废｜100"), asked);
        assertEquals("已作废张老汉的2022年度参保登记，原因：重复收费，已退款", viewModel.statusProperty().get());
        MemberRow cancelled = viewModel.members().get(2);
        assertEquals("张老汉", cancelled.name());
        assertTrue(cancelled.isCancelled());
        assertEquals("已作废（2022年度，原应缴32元，2022-01-10缴费，收据R0012）：重复收费，已退款；2022-01-11作废。双击可重新登记",
                cancelled.noteProperty().get());
        assertEquals("合计应缴：0 元（本户本年度已缴 1335 元）", viewModel.totalProperty().get(),
                "the cancelled 32 yuan no longer counts as paid, nor as to pay");

        String row = database.jdbi().withHandle(h -> h.createQuery("""
                SELECT e.status || '|' || e.cancel_reason || '|' || e.revision || '|' || e.updated_by FROM enrollment e
                JOIN person p ON p.id = e.person_id WHERE p.name = '张老汉'""").mapTo(String.class).one());
        assertEquals("cancelled|重复收费，已退款|2|lijuan", row);
        String queued = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM outbox WHERE entity = 'enrollment' AND revision = 2").mapTo(String.class).one());
        assertTrue(queued.contains("\"status\":\"cancelled\"") && queued.contains("\"cancelReason\":\"重复收费，已退款\""),
                queued);
        // the audit entry refers to the outbox row; the audit shows its payload
        String audited = new canbao.store.AuditTrail(database).latest(null, null, 1000).stream()
                .filter(l -> l.action().equals("cancel")).map(l -> l.operator() + "|" + l.after())
                .reduce((a, b) -> { throw new AssertionError("one cancellation"); }).orElseThrow();
        assertTrue(audited.startsWith("lijuan|") && audited.contains("重复收费，已退款"), audited);

        viewModel.save();
        assertEquals("已保存：户0012，0人登记参保，合计应缴0元", viewModel.statusProperty().get(),
                "a cancelled member is not enrolled again by the next save");
        assertEquals(1L, cancelledCount());
        assertTrue(viewModel.members().get(2).isCancelled());
    }

    @Test
    void aCancelledMemberIsEnrolledAgainOnlyWhenTheClerkEditsAndSavesHim() {
        viewModel.allowCancelling(true);
        answer = Optional.of("档次选错");
        viewModel.selectedProperty().set(viewModel.members().get(0));
        viewModel.cancelSelected();
        viewModel.receiptNoProperty().set("R0013");

        viewModel.edit(viewModel.members().get(0));
        viewModel.memberForm().tierProperty().set(canbao.model.Tier.TWO);
        assertTrue(viewModel.addMember());
        viewModel.save();

        assertEquals("已保存：户0012，1人登记参保，合计应缴695元", viewModel.statusProperty().get());
        assertEquals(2L, (long) database.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM enrollment e JOIN person p ON p.id = e.person_id WHERE p.name = '张三'""")
                .mapTo(Long.class).one()), "the cancelled row stays beside the new one");
    }

    @Test
    void aVillageCadreIsRefusedAndNothingIsAskedOrCancelled() {
        viewModel.allowCancelling(false);
        answer = Optional.of("不该收");
        viewModel.selectedProperty().set(viewModel.members().get(0));

        viewModel.cancelSelected();

        assertEquals("只有柜员或管理员可以作废参保登记（涉及退费，请到乡镇社保所柜台办理）", viewModel.statusProperty().get());
        assertTrue(asked.isEmpty());
        assertEquals(0L, cancelledCount());
    }

    @Test
    void withoutAReasonNothingIsCancelled() {
        viewModel.allowCancelling(true);
        viewModel.selectedProperty().set(viewModel.members().get(1));

        viewModel.cancelSelected();

        assertEquals(1, asked.size());
        assertEquals("未作废", viewModel.statusProperty().get());
        assertEquals(0L, cancelledCount());
        assertFalse(viewModel.members().get(1).isCancelled());
    }

    @Test
    void aMemberNotYetSavedHasNothingToCancel() {
        viewModel.allowCancelling(true);
        viewModel.newHousehold();
        HouseholdEnrollmentViewModelTest.add(viewModel, "王五", "500230197001011236".substring(0, 17)
                + canbao.policy.ResidentId.checkCharacter("50023019700101123"), "户主", canbao.model.Tier.ONE);
        viewModel.selectedProperty().set(viewModel.members().get(0));

        viewModel.cancelSelected();

        assertEquals("王五没有已保存的2022年度参保登记，不需要作废", viewModel.statusProperty().get());
        assertTrue(asked.isEmpty());
    }

    private long cancelledCount() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enrollment WHERE status = 'cancelled'")
                .mapTo(Long.class).one());
    }
}
