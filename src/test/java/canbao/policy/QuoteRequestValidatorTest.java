package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Problem;
import canbao.model.Sex;
import canbao.model.Tier;
import canbao.model.Validated;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteRequestValidatorTest {

    private static final Clock TODAY = Clock.fixed(LocalDate.of(2026, 11, 22).atStartOfDay(ZoneId.of("Asia/Shanghai"))
            .toInstant(), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate PAID = LocalDate.of(2022, 7, 15);

    private final QuoteRequestValidator validator = new QuoteRequestValidator(PolicyLibrary.builtIn(), TODAY);

    @Test
    void validRequestGivesBirthDateAndSexFromTheIdNumber() {
        Validated<QuoteRequest> result = validator.validate(request(member("500230198003151087", 1, "DIBAO")));

        assertTrue(result.isValid(), result.problems()::toString);
        PersonFacts person = result.value().members().get(0);
        assertEquals(LocalDate.of(1980, 3, 15), person.birthDate());
        assertEquals(Sex.FEMALE, person.sex());
        assertEquals(Tier.ONE, person.tier());
        assertEquals(List.of("DIBAO"), person.categories());
        assertEquals(2022, result.value().table().year());
    }

    @Test
    void newbornWithoutIdNumberIsIdentifiedByBirthDateAndCertificate() {
        MemberDraft newborn = new MemberDraft("张小宝", null, LocalDate.of(2022, 3, 1), "q500123456", 1, null, null, null);

        Validated<QuoteRequest> result = validator.validate(request(newborn));

        assertTrue(result.isValid(), result.problems()::toString);
        PersonFacts person = result.value().members().get(0);
        assertNull(person.idNumber());
        assertEquals("Q500123456", person.birthCertificateNo());
        assertNull(person.sex());
    }

    @Test
    void memberWithNeitherIdNumberNorBirthCertificateIsRefused() {
        MemberDraft nobody = new MemberDraft("张三", null, LocalDate.of(2022, 3, 1), null, 1, null, null, null);

        assertEquals(List.of("members[0].idNumber identity.missing"), problems(request(nobody)));
    }

    @Test
    void everyProblemOfARequestIsReportedWithItsField() {
        QuoteDraft draft = new QuoteDraft(2030, "5002", null, List.of(
                member("500230198003151079", 1),
                member("500230198003151078", 3, "DIBAO"),
                new MemberDraft(null, null, LocalDate.of(2022, 8, 1), "ab", null, List.of("FOO"), null, 1800)));

        assertEquals(List.of(
                "policyYear policyYear.noTable",
                "county county.format",
                "date field.missing",
                "members[1].idNumber id.checkCharacter",
                "members[1].tier tier.invalid",
                "members[2].birthCertificateNo birthCertificateNo.format",
                "members[2].tier field.missing",
                "members[2].categories[0] category.unknownAnyYear",
                "members[2].graduationYear graduationYear.range"), problems(draft));
    }

    @Test
    void unknownCategoryIsNamedWithItsPosition() {
        assertEquals(List.of("members[0].categories[1] category.unknown"),
                problems(request(member("500230198003151079", 1, "DIBAO", "WEALTHY"))));
    }

    @Test
    void birthAfterThePaymentDateIsRefused() {
        assertEquals(List.of("members[0].idNumber birthDate.afterPayment"),
                problems(paidOn(request(member("500110202203010025", 1)), LocalDate.of(2022, 2, 20))));
        MemberDraft newborn = new MemberDraft(null, null, LocalDate.of(2022, 8, 1), "Q500123456", 1, null, null, null);
        assertEquals(List.of("members[0].birthDate birthDate.afterPayment"), problems(request(newborn)));
    }

    @Test
    void birthDateThatContradictsTheIdNumberIsRefused() {
        MemberDraft draft = new MemberDraft(null, "500230198003151079", LocalDate.of(1980, 3, 16), null, 1, null, null,
                null);

        assertEquals(List.of("members[0].birthDate birthDate.mismatch"), problems(request(draft)));
    }

    @Test
    void employeeInsuranceEndingAfterThePaymentIsRefused() {
        MemberDraft draft = new MemberDraft(null, "500230198003151079", null, null, 1, null,
                LocalDate.of(2022, 7, 16), null);

        assertEquals(List.of("members[0].employeeInsuranceEndedOn employeeInsurance.afterPayment"),
                problems(request(draft)));
    }

    @Test
    void requestWithoutMembersIsRefused() {
        assertEquals(List.of("members members.empty"), problems(new QuoteDraft(2022, "500230", PAID, List.of())));
        assertEquals(List.of("members field.missing"), problems(new QuoteDraft(2022, "500230", PAID, null)));
    }

    @Test
    void validatedMemberCanBeCheckedAloneAsTheScreenDoesOnFieldExit() {
        Validated<PersonFacts> member = validator.validateMember(member("500230198003151079", 2), null, null);

        assertTrue(member.isValid());
        assertFalse(validator.validateMember(member("5002301980031510", 2), null, null).isValid());
    }

    private List<String> problems(QuoteDraft draft) {
        Validated<QuoteRequest> result = validator.validate(draft);
        assertFalse(result.isValid());
        return result.problems().stream().map(QuoteRequestValidatorTest::describe).toList();
    }

    private static String describe(Problem problem) {
        return problem.field() + " " + problem.key();
    }

    private static QuoteDraft request(MemberDraft... members) {
        return new QuoteDraft(2022, "500230", PAID, List.of(members));
    }

    private static QuoteDraft paidOn(QuoteDraft draft, LocalDate date) {
        return new QuoteDraft(draft.policyYear(), draft.county(), date, draft.members());
    }

    private static MemberDraft member(String idNumber, int tier, String... categories) {
        return new MemberDraft(null, idNumber, null, null, tier, List.of(categories), null, null);
    }

}
