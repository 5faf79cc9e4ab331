package canbao.gui.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.MemberRow;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 费用测算 without a window, on POLICY.md's worked examples of the 2026 table (paid 2025-12-15): the
 * 2025 waiting rule from the covered years typed, a repair year, a low-income member, the family total,
 * the tier comparison and the note that provisional figures were used.
 */
class QuickQuoteViewModelTest {

    private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2025, 12, 15).atTime(9, 30).atZone(CHONGQING)
            .toInstant(), CHONGQING);
    private static final String ADULT = "500230198003151079";
    private static final String OTHER_ADULT = "500230198003152338";

    private QuickQuoteViewModel viewModel;

    @BeforeEach
    void open() {
        viewModel = new QuickQuoteViewModel(PolicyLibrary.builtIn(), new QuoteEngine(Localization.CHINESE), CLOCK,
                Localization.CHINESE);
    }

    @Test
    void theSeasonBeingCollectedIsQuotedOnTheDayOfPayment() {
        assertEquals(2026, viewModel.policyYearProperty().get());
        assertEquals(LocalDate.of(2025, 12, 15), viewModel.paymentDateProperty().get());
        assertEquals("", viewModel.comparisonProperty().get());
        assertTrue(viewModel.members().isEmpty());
    }

    @Test
    void aBrokenYearWaitsAMonthMoreAndARepairYearBuysItBack() {
        viewModel.memberForm().idNumberProperty().set(ADULT);
        viewModel.memberForm().coveredYearsProperty().set("2024");
        assertTrue(viewModel.addMember(), viewModel.errors().snapshot().toString());
        MemberRow broken = viewModel.members().get(0);
        assertEquals(LocalDate.of(2026, 4, 16), broken.quote().benefitStart());

        viewModel.memberForm().idNumberProperty().set(OTHER_ADULT);
        viewModel.memberForm().coveredYearsProperty().set("2024");
        viewModel.memberForm().repairYearsProperty().set(1);
        assertTrue(viewModel.addMember(), viewModel.errors().snapshot().toString());
        MemberRow repaired = viewModel.members().get(1);
        assertEquals(LocalDate.of(2026, 3, 16), repaired.quote().benefitStart());

        assertEquals("合计应缴：1200 元", viewModel.totalProperty().get());
        // decided by the standard and the national waiting rule, both confirmed: no ※ note
        assertEquals("", viewModel.provisionalNoteProperty().get());
    }

    @Test
    void aLowIncomeMemberPaysTheRestAndTheTiersAreCompared() {
        viewModel.memberForm().idNumberProperty().set(ADULT);
        viewModel.memberForm().coveredYearsProperty().set("2024 2025");
        assertTrue(viewModel.addMember(), viewModel.errors().snapshot().toString());
        assertEquals(LocalDate.of(2026, 1, 1), viewModel.members().get(0).quote().benefitStart());

        viewModel.memberForm().idNumberProperty().set(OTHER_ADULT);
        viewModel.memberForm().categories().add("DIBAO");
        assertTrue(viewModel.addMember(), viewModel.errors().snapshot().toString());

        assertEquals("合计应缴：440 元", viewModel.totalProperty().get());
        // 2026's subsidies are carried over from 2025 and not yet confirmed
        assertEquals("※ 标记的金额或日期用到了待区县核定的政策数字，以区县正式文件为准",
                viewModel.provisionalNoteProperty().get());
        // tier 2: 775 for the adult; DIBAO gets the whole tier-1 standard (400) on tier 2, so pays 375
        assertEquals("全家一档合计 440 元 / 全家二档合计 1150 元", viewModel.comparisonProperty().get());
        assertTrue(viewModel.memberForm().categories().isEmpty(), "the entry is cleared for the next member");

        viewModel.selectedProperty().set(viewModel.members().get(1));
        viewModel.removeSelected();
        assertEquals("合计应缴：400 元", viewModel.totalProperty().get());
    }

    @Test
    void aWrongIdNumberIsNamedNextToItsFieldAndNotAdded() {
        viewModel.memberForm().idNumberProperty().set("500230198003151078");
        viewModel.checkIdNumber();
        assertEquals("身份证号校验码错误：按前17位应为9，实为8", viewModel.errors().get("idNumber"));
        assertFalse(viewModel.addMember());
        assertTrue(viewModel.members().isEmpty());
        assertEquals("500230198003151078", viewModel.memberForm().idNumberProperty().get(), "what was typed stays to be corrected");

        viewModel.memberForm().idNumberProperty().set(ADULT);
        viewModel.memberForm().graduationYearProperty().set("二〇二五");
        assertFalse(viewModel.addMember());
        assertTrue(viewModel.errors().get("graduationYear") != null);
    }

    @Test
    void onePersonIsQuotedOnceWhateverTheCaseOfTheCheckCharacter() {
        viewModel.memberForm().idNumberProperty().set("11010519491231002X");
        assertTrue(viewModel.addMember(), viewModel.errors().snapshot().toString());
        viewModel.memberForm().idNumberProperty().set("11010519491231002x");
        assertFalse(viewModel.addMember());
        assertEquals("同一户中此人重复出现", viewModel.errors().get("idNumber"));
        assertEquals(1, viewModel.members().size());
    }
}
