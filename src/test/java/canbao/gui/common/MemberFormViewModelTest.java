package canbao.gui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.Problem;
import canbao.model.Tier;
import canbao.policy.MemberDraft;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteDraft;
import canbao.policy.QuoteRequestValidator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The member form without a window: the draft it builds from what is typed, the problems it places
 * next to its fields (a member's problem from the validator by its location, not by its text), and
 * the form cleared for the next member.
 */
class MemberFormViewModelTest {

    private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2025, 12, 15).atTime(9, 30).atZone(CHONGQING)
            .toInstant(), CHONGQING);
    private static final String ADULT = "500230198003151079";

    private final PolicyYearChoice year = new PolicyYearChoice(PolicyLibrary.builtIn(), CLOCK, () -> { });
    private final QuoteRequestValidator validator = new QuoteRequestValidator(PolicyLibrary.builtIn(), CLOCK);

    @Test
    void theDraftIsWhatWasTyped() {
        FieldErrors errors = new FieldErrors(Localization.CHINESE);
        MemberFormViewModel form = new MemberFormViewModel(MemberFormViewModel.Use.HOUSEHOLD, errors, "member", year);
        form.nameProperty().set("张三");
        form.idNumberProperty().set(ADULT);
        form.tierProperty().set(Tier.TWO);
        form.categories().setAll("DIBAO");
        form.graduationYearProperty().set(" 2024 ");
        form.repairYearsProperty().set(1);

        List<Problem> problems = new ArrayList<>();
        MemberDraft draft = form.draft(form.graduationYear(problems), List.of(2023));

        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(new MemberDraft("张三", ADULT, null, null, 2, List.of("DIBAO"), null, 2024, List.of(2023), 1),
                draft);
        assertEquals(List.of("DIBAO"), form.categoryCodes().stream().filter("DIBAO"::equals).toList(),
                "the picker offers the year's categories");
    }

    @Test
    void aValidatorsProblemsAreShownNextToTheFormsFieldsByTheirLocation() {
        FieldErrors errors = new FieldErrors(Localization.CHINESE);
        MemberFormViewModel form = new MemberFormViewModel(MemberFormViewModel.Use.QUOTE, errors, "", year);
        form.idNumberProperty().set("500230198003151078"); // a wrong check character
        form.categories().setAll("RICH");
        List<Problem> typed = new ArrayList<>();
        MemberDraft draft = form.draft(form.graduationYear(typed), form.coveredYears(typed));

        // as a household's second member, so each location is member 1's: the form takes the field of it
        List<Problem> problems = validator.validate(new QuoteDraft(2026, "500230", LocalDate.of(2025, 12, 15),
                List.of(new MemberDraft(null, ADULT, null, null, 1, List.of(), null, null), draft))).problems();
        assertEquals(1, problems.get(0).location().memberIndex());
        form.show(problems);

        Map<String, String> shown = errors.snapshot();
        assertEquals(problems.get(0).message(Localization.CHINESE), shown.get("idNumber"));
        assertTrue(shown.get("idNumber").contains("校验码"), shown::toString);
        assertTrue(shown.get("categories[0]").contains("RICH"), shown::toString);
        assertEquals(2, shown.size(), shown::toString);
    }

    @Test
    void typingThatIsNoYearIsSaidAtItsFieldUnderTheScreensPart() {
        FieldErrors errors = new FieldErrors(Localization.CHINESE);
        MemberFormViewModel form = new MemberFormViewModel(MemberFormViewModel.Use.HOUSEHOLD, errors, "member", year);
        form.graduationYearProperty().set("二〇二四");
        List<Problem> problems = new ArrayList<>();

        assertNull(form.graduationYear(problems));
        form.show(problems);

        assertEquals(Map.of("member.graduationYear", Localization.format(Localization.CHINESE,
                "graduationYear.range", "二〇二四")), errors.snapshot());
        assertEquals(errors.get("member.graduationYear"), form.error("graduationYear"));
        assertEquals("年份", errors.fieldNames(field -> field.equals("member.graduationYear") ? "年份" : field));
    }

    @Test
    void coveredYearsTypedAreReadAndAWordThatIsNoYearIsAProblemOfThatField() {
        FieldErrors errors = new FieldErrors(Localization.CHINESE);
        MemberFormViewModel form = new MemberFormViewModel(MemberFormViewModel.Use.QUOTE, errors, "", year);
        List<Problem> problems = new ArrayList<>();
        assertNull(form.coveredYears(problems), "blank: not given");
        form.coveredYearsProperty().set("2023、2024");
        assertEquals(List.of(2023, 2024), form.coveredYears(problems));
        assertTrue(problems.isEmpty());

        form.coveredYearsProperty().set("2023 前年");
        form.coveredYears(problems);
        form.show(problems);
        assertEquals(List.of("coveredYears"), List.copyOf(errors.snapshot().keySet()));
    }

    @Test
    void aMemberPutBackIsInTheFormAndClearingLeavesTheTierAndEthnicityForTheNext() {
        FieldErrors errors = new FieldErrors(Localization.CHINESE);
        MemberFormViewModel form = new MemberFormViewModel(MemberFormViewModel.Use.HOUSEHOLD, errors, "member", year);
        MemberDraft stored = new MemberDraft("李小宝", null, LocalDate.of(2025, 3, 1), "Q500123456", 2,
                List.of("DIBAO"), null, null);
        MemberRow row = new MemberRow(stored, "子", "土家", "p1");
        row.setCertification("民政办", LocalDate.of(2025, 1, 5));

        form.fill(row);

        assertEquals("李小宝", form.nameProperty().get());
        assertEquals("子", form.relationProperty().get());
        assertEquals("土家", form.ethnicityProperty().get());
        assertEquals(Tier.TWO, form.tierProperty().get());
        assertEquals("民政办", form.certifiedByProperty().get());
        // the draft keeps the stored birth date and certificate, which this screen's form does not show
        MemberDraft again = form.draft(null, null);
        assertEquals(LocalDate.of(2025, 3, 1), again.birthDate());
        assertEquals("Q500123456", again.birthCertificateNo());

        form.clear();
        assertEquals("", form.nameProperty().get());
        assertTrue(form.categories().isEmpty());
        assertNull(form.draft(null, null).birthCertificateNo());
        assertEquals(Tier.TWO, form.tierProperty().get());
        assertEquals("土家", form.ethnicityProperty().get());
    }

    @Test
    void enterRunsTheScreensAddAndLeavingTheIdNumberItsCheck() {
        MemberFormViewModel form = new MemberFormViewModel(MemberFormViewModel.Use.QUOTE,
                new FieldErrors(Localization.CHINESE), "", year);
        List<String> done = new ArrayList<>();
        form.onAdd(() -> done.add("add"));
        form.onIdNumberLeft(() -> done.add("left"));

        assertTrue(form.add());
        form.idNumberLeft();

        assertEquals(List.of("add", "left"), done);
    }
}
