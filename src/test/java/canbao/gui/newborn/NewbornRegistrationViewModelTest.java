package canbao.gui.newborn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.service.NewbornWorklist;
import canbao.store.PersonSearch;
import canbao.store.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 新生儿登记 without a window, in the current season: a child born this year is quoted, not "no table". */
class NewbornRegistrationViewModelTest {

    private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 11, 22).atTime(10, 0).atZone(CHONGQING)
            .toInstant(), CHONGQING);

    @TempDir
    Path folder;

    private Database database;
    private PersonSearch search;
    private NewbornRegistrationViewModel viewModel;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
        search = new PersonSearch(database);
        PolicyLibrary library = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        viewModel = new NewbornRegistrationViewModel(new HouseholdService(database, library, engine, CLOCK), search,
                new NewbornWorklist(database, library, CLOCK), library, engine, new CurrentThreadTaskExecutor(), CLOCK,
                "王芳", Localization.CHINESE);
    }

    @AfterEach
    void close() {
        search.close();
        database.close();
    }

    @Test
    void childBornThisYearIsQuotedFromBirthWithinItsNinetyDays() {
        viewModel.coverageProperty().set(NewbornRegistrationViewModel.Coverage.OWN);
        viewModel.paymentDateProperty().set(LocalDate.of(2026, 11, 22));
        viewModel.birthDateProperty().set(LocalDate.of(2026, 10, 1));

        assertTrue(viewModel.quoteProperty().get().startsWith("应缴400元"), viewModel.quoteProperty().get());
        assertTrue(viewModel.quoteProperty().get().contains("2026年10月1日至2026年12月31日"),
                viewModel.quoteProperty().get());
        assertEquals("缴费日在出生后90天内（2026年12月30日截止）：按新生儿参保，自出生之日起享受待遇",
                viewModel.deadlineProperty().get());
    }

    /**
     * Issue 20, defect 6: one computation, one message, counted from the payment date. Registered today
     * past day 90 but paid (the date typed) within it: newborn treatment, said once; paid after: an
     * ordinary enrolment, and no line says 0 yuan.
     */
    @Test
    void theNinetyDaysAreCountedToThePaymentDateAndSaidOnce() {
        viewModel.coverageProperty().set(NewbornRegistrationViewModel.Coverage.OWN);
        viewModel.birthDateProperty().set(LocalDate.of(2026, 7, 1));
        viewModel.paymentDateProperty().set(LocalDate.of(2026, 9, 20));

        assertEquals("缴费日在出生后90天内（2026年9月29日截止）：按新生儿参保，自出生之日起享受待遇",
                viewModel.deadlineProperty().get());
        assertTrue(viewModel.quoteProperty().get().contains("2026年7月1日至2026年12月31日"),
                viewModel.quoteProperty().get());

        viewModel.paymentDateProperty().set(LocalDate.of(2026, 9, 30));

        assertEquals("缴费日已过出生后90天（2026年9月29日届满，晚1天）：不再享受新生儿待遇，按普通参保计算",
                viewModel.deadlineProperty().get());
        assertTrue(viewModel.quoteProperty().get().startsWith("应缴400元"), viewModel.quoteProperty().get());
        assertTrue(viewModel.quoteProperty().get().contains("等待期3个月，2026年12月31日起享受待遇"),
                viewModel.quoteProperty().get());
    }

    @Test
    void withAGuardianThereIsNoNinetyDayLimitToContradictTheQuote() {
        viewModel.coverageProperty().set(NewbornRegistrationViewModel.Coverage.WITH_GUARDIAN);
        viewModel.birthDateProperty().set(LocalDate.of(2026, 7, 1));

        assertEquals("随监护人享受待遇：监护人当年已缴费即可，无需缴费，不受出生后90天限制", viewModel.deadlineProperty().get());
        assertTrue(viewModel.quoteProperty().get().startsWith("应缴0元"), viewModel.quoteProperty().get());
    }

    @Test
    void childBornInTheLastDaysOfTheYearIsAlsoOfferedTheNextYearWhenItsTableIsThere() {
        Clock december = Clock.fixed(LocalDate.of(2025, 12, 20).atTime(10, 0).atZone(CHONGQING).toInstant(), CHONGQING);
        PolicyLibrary library = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        NewbornRegistrationViewModel screen = new NewbornRegistrationViewModel(
                new HouseholdService(database, library, engine, december), search,
                new NewbornWorklist(database, library, december), library, engine, new CurrentThreadTaskExecutor(),
                december, "王芳", Localization.CHINESE);
        screen.coverageProperty().set(NewbornRegistrationViewModel.Coverage.OWN);
        screen.paymentDateProperty().set(LocalDate.of(2025, 12, 20));
        screen.birthDateProperty().set(LocalDate.of(2025, 12, 1));

        assertTrue(screen.quoteProperty().get().startsWith("应缴400元"), screen.quoteProperty().get());
        assertTrue(screen.alternativeProperty().get().contains("2026"), screen.alternativeProperty().get());
    }
}
