package canbao.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 20, defect 9: a contact number is a mobile or a landline with its area code, nothing else. */
class PhoneNumberTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            13800000000        | true
            138 0000 0000      | true
            19912345678        | true
            12345678901        | false
            1380000000         | false
            023-12345678       | true
            02312345678        | true
            0851-1234567       | true
            023-12345678-8021  | true
            12345              | false
            +86 13800000000    | false
            abc                | false
            023-123            | false
            """)
    void mobileOrLandlineWithAreaCode(String text, boolean valid) {
        assertEquals(valid, PhoneNumber.isValid(text));
    }
}
