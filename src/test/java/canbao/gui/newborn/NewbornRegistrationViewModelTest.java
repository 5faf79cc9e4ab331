package canbao.gui.newborn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.store.HouseholdService;
import canbao.store.NewbornWorklist;
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
        assertEquals("出生后90天内参保截止：2026年12月30日，还剩38天", viewModel.deadlineProperty().get());
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
