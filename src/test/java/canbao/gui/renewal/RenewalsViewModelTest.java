package canbao.gui.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.model.MarkKind;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.report.Reminders;
import canbao.report.RenewalWorklist;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.service.PersonMarks;
import canbao.service.RenewalService;
import canbao.store.RenewalStore;
import canbao.store.RenewalVillage;
import canbao.store.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 续保 without a window, on the township of {@link RenewalVillage}: the worklist, a renewal, a mark and its undoing. */
class RenewalsViewModelTest {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final Clock CLOCK = Clock.fixed(RenewalVillage.TODAY.atTime(10, 0).atZone(ZONE).toInstant(), ZONE);

    @TempDir
    Path folder;

    private Database database;
    private RenewalsViewModel viewModel;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
        PolicyLibrary policies = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        HouseholdService households = new HouseholdService(database, policies, engine, CLOCK);
        RenewalVillage.fill(households);
        viewModel = new RenewalsViewModel(new RenewalWorklist(new RenewalStore(database), policies, engine, CLOCK,
                Localization.CHINESE), new RenewalService(database, households, policies, CLOCK),
                new PersonMarks(database, CLOCK), new Reminders(policies, "龙凤镇", Localization.CHINESE),
                () -> List.of(RenewalVillage.XINGYI, RenewalVillage.LONGHE), new CurrentThreadTaskExecutor(), CLOCK,
                "admin", Localization.CHINESE);
        viewModel.refresh();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private RenewalWorklist.Household household(String number) {
        return viewModel.households().stream().filter(h -> h.number().equals(number)).findFirst().orElseThrow();
    }

    /** Reading the worklist again with nothing changed keeps the members the clerk picked (quotes compare by value). */
    @Test
    void theMembersPickedStayPickedWhenTheListIsReadAgain() {
        viewModel.householdProperty().set(household("0001"));
        viewModel.chosenMembers().setAll(viewModel.members().get(0));
        assertEquals("户0001（3组）：续保1人，合计400元", viewModel.householdTextProperty().get());

        viewModel.refresh();

        assertEquals("0001", viewModel.householdProperty().get().number());
        assertEquals("户0001（3组）：续保1人，合计400元", viewModel.householdTextProperty().get());
    }

    @Test
    void aFamilyIsRenewedAsLastYearAndLeavesTheList() {
        assertEquals(2026, viewModel.yearProperty().get());
        assertEquals(List.of("0003", "0001", "0004", "0002", "0005"),
                viewModel.households().stream().map(RenewalWorklist.Household::number).toList());
        assertEquals("2026年度：待续保11人，已续保2人，新参保0人，已标记0人", viewModel.countsProperty().get());

        viewModel.householdProperty().set(household("0001"));
        assertEquals("户0001（3组）：续保4人，合计1615元", viewModel.householdTextProperty().get());
        viewModel.receiptNoProperty().set("R2026-0001");
        viewModel.renew();

        assertEquals("已续保户0001：4人，合计1615元", viewModel.statusProperty().get());
        assertEquals("", viewModel.receiptNoProperty().get());
        assertEquals(1, viewModel.savedProperty().get());
        assertEquals("2026年度：待续保7人，已续保6人，新参保0人，已标记0人", viewModel.countsProperty().get());
        assertEquals(List.of("0003", "0004", "0002", "0005"),
                viewModel.households().stream().map(RenewalWorklist.Household::number).toList());
    }

    @Test
    void aMarkedMemberLeavesTheCountUntilTheMarkIsTakenBack() {
        viewModel.householdProperty().set(household("0002"));
        RenewalWorklist.Member first = viewModel.members().get(0);
        viewModel.memberProperty().set(first);
        viewModel.markKindProperty().set(MarkKind.MOVED_OUT);
        viewModel.markReasonProperty().set("迁往重庆主城");
        viewModel.mark();

        assertEquals("已标记" + first.name() + "：迁出", viewModel.statusProperty().get());
        assertEquals("2026年度：待续保10人，已续保2人，新参保0人，已标记1人", viewModel.countsProperty().get());

        viewModel.householdProperty().set(household("0002"));
        RenewalWorklist.Member marked = viewModel.members().stream()
                .filter(m -> m.personId().equals(first.personId())).findFirst().orElseThrow();
        assertTrue(marked.mark() != null, "still shown, under its mark");
        viewModel.memberProperty().set(marked);
        viewModel.unmark();
        assertEquals("已取消" + first.name() + "的标记", viewModel.statusProperty().get());
        assertEquals("2026年度：待续保11人，已续保2人，新参保0人，已标记0人", viewModel.countsProperty().get());
    }

    @Test
    void nothingIsRenewedWithoutAHouseholdChosen() {
        viewModel.householdProperty().set(null);
        viewModel.renew();
        assertEquals(Localization.text(Localization.CHINESE, "renewal.noHousehold"), viewModel.statusProperty().get());
        assertEquals(0, viewModel.savedProperty().get());
    }
}
