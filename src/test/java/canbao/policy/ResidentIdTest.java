package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.Sex;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB 11643-1999 numbers. The valid numbers were computed outside this code base. */
class ResidentIdTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest(name = "{0} → born {1}, {2}")
    @CsvSource(textBlock = """
            500230198003151079, 1980-03-15, MALE
            500230198003151087, 1980-03-15, FEMALE
            500110202203010025, 2022-03-01, FEMALE
            11010519491231002X, 1949-12-31, FEMALE
            50023019850718101X, 1985-07-18, MALE
            500230200002290018, 2000-02-29, MALE
            500230199001011237, 1990-01-01, MALE
            """)
    void validNumberGivesBirthDateAndSex(String number, LocalDate birth, Sex sex) throws Exception {
        ResidentId id = ResidentId.parse(number, TODAY);

        assertEquals(number, id.number());
        assertEquals(birth, id.birthDate());
        assertEquals(sex, id.sex());
    }

    @Test
    void lowerCaseXAndSurroundingSpacesAreAcceptedAndNormalised() throws Exception {
        assertEquals("11010519491231002X", ResidentId.parse(" 11010519491231002x ", TODAY).number());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(textBlock = """
            50023019800315107,     id.length
            5002301980031510790,   id.length
            '',                    id.length
            50023A198003151079,    id.characters
            500230１98003151079,   id.characters
            50023019800315107Y,    id.lastCharacter
            500230198002301073,    id.birthDateInvalid
            500230198013011079,    id.birthDateInvalid
            500230190002290011,    id.birthDateInvalid
            500230189912311079,    id.birthDateTooEarly
            500230203001011079,    id.birthDateFuture
            500230198003151078,    id.checkCharacter
            50023019800315107X,    id.checkCharacter
            """)
    void invalidNumberIsRefusedWithItsOwnReason(String number, String expectedKey) {
        ResidentId.InvalidException refused = assertThrows(ResidentId.InvalidException.class,
                () -> ResidentId.parse(number, TODAY));

        assertEquals(expectedKey, refused.problem().key());
    }

    @Test
    void birthDateAfterTodayIsRefusedEvenWhenOtherwiseValid() {
        LocalDate dayBeforeBirth = LocalDate.of(2022, 2, 28);
        ResidentId.InvalidException refused = assertThrows(ResidentId.InvalidException.class,
                () -> ResidentId.parse("500110202203010025", dayBeforeBirth));

        assertEquals("id.birthDateFuture", refused.problem().key());
    }

    @Test
    void checkCharacterMessageSaysWhatItShouldBe() {
        ResidentId.InvalidException refused = assertThrows(ResidentId.InvalidException.class,
                () -> ResidentId.parse("500230198003151078", TODAY));

        assertEquals("身份证号校验码错误：按前17位应为9，实为8", refused.problem().message(Localization.CHINESE));
    }

    @Test
    void everyFailureReadsDifferently() {
        List<String> keys = List.of("id.length", "id.characters", "id.lastCharacter", "id.birthDateInvalid",
                "id.birthDateTooEarly", "id.birthDateFuture", "id.checkCharacter");
        Set<String> texts = new HashSet<>();
        for (String key : keys) {
            texts.add(Localization.text(Localization.CHINESE, key));
        }
        assertEquals(keys.size(), texts.size());
    }

    @Test
    void maskKeepsOnlyTheAddressCodeAndTheLastFour() throws Exception {
        ResidentId id = ResidentId.parse("500230198003151079", TODAY);

        assertEquals("500230********1079", id.masked());
        assertFalse(id.toString().contains("19800315"));
        assertTrue(id.toString().contains("500230********1079"));
    }
}
