package canbao.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stored timestamps and dates read by the fast paths (IsoText.instant, IsoText.date) exactly as Instant.parse and LocalDate.parse read them. */
class IsoTextTest {

    @Test
    void everyTimestampInstantToStringWritesReadsBackTheSame() {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            // 1970–2100, and every fraction length Instant.toString writes (none, 3, 6, 9 digits)
            long second = random.nextLong(4_102_444_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertEquals(instant, IsoText.instant(instant.toString()), instant.toString());
        }
    }

    @Test
    void otherFormsAreAnsweredOrRefusedAsInstantParseDoes() {
        for (String text : List.of("2025-11-20T02:00:00.5Z", "2025-11-20T02:00:00.12Z", "2024-02-29T23:59:59Z",
                "2025-11-20T02:00Z", "+12025-11-20T02:00:00Z", "2025-11-20T02:00:00+08:00", "2025-11-20T24:00:00Z", "2025-11-20T02:00:00.Z",
                "2016-12-31T23:59:60Z")) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException refused) {
                assertThrows(DateTimeParseException.class, () -> IsoText.instant(text), text);
                continue;
            }
            assertEquals(expected, IsoText.instant(text), text);
        }
        for (String bad : List.of("2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
                "2025-11-20T02:60:00Z", "2025-11-2OT02:00:00Z", "2025-11-20 02:00:00Z")) {
            assertThrows(DateTimeParseException.class, () -> IsoText.instant(bad), bad);
        }
    }

    @Test
    void everyDateLocalDateToStringWritesReadsBackTheSame() {
        // every day from 1900 to 2100 (the range a person's dates may have), leap days included
        for (java.time.LocalDate day = java.time.LocalDate.of(1900, 1, 1); day.getYear() <= 2100; day = day.plusDays(1)) {
            assertEquals(day, IsoText.date(day.toString()), day.toString());
        }
        assertEquals(null, IsoText.date((String) null));
    }

    @Test
    void otherDateFormsAreAnsweredOrRefusedAsLocalDateParseDoes() {
        for (String text : List.of("+12025-11-20", "0000-01-01", "2024-02-29")) {
            assertEquals(java.time.LocalDate.parse(text), IsoText.date(text), text);
        }
        for (String bad : List.of("2025-02-29", "2025-13-01", "2025-00-10", "2025-11-00", "2025-11-2O", "2025/11/20",
                "2025-1-20", "20251120", "", "-2025-11-2")) {
            assertThrows(DateTimeParseException.class, () -> IsoText.date(bad), bad);
        }
    }
}
