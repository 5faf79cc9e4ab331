package canbao.service;

import canbao.store.Database;
import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.policy.PolicyLibrary;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the newborn deadline (出生后N天内) is the policy table's, in one place: a county that
 * widens the window to 120 days for 2027 has the 新生儿 worklist say birth + 120, as the quote engine
 * does; a birth year without a table takes the nearest year's window before it, never a 90 of the
 * program's own.
 */
class NewbornDeadlineTest {

    @TempDir
    Path folder;

    /** 2026's built-in table a year on, its newborn window 120 days. */
    private Path table2027With120Days() throws Exception {
        String text;
        try (InputStream in = NewbornDeadlineTest.class.getResourceAsStream("/policy/2026.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path tables = Files.createDirectories(folder.resolve("tables"));
        Files.writeString(tables.resolve("2027.json"), text.replace("\"policyYear\": 2026", "\"policyYear\": 2027")
                .replace("\"2026-", "\"2027-").replace("\"2025-", "\"2026-")
                .replace("\"newborn\": {\"withinDays\": 90", "\"newborn\": {\"withinDays\": 120"));
        return tables;
    }

    @Test
    void theWorklistsDeadlineIsTheBirthYearsTableWindow() throws Exception {
        PolicyLibrary library = PolicyLibrary.builtIn().withDirectory(table2027With120Days());
        assertEquals(120, library.table(2027).orElseThrow().newborn().withinDays());
        try (Database database = Database.open(folder.resolve("data"), TestKeys.KEY)) {
            NewbornWorklist worklist = new NewbornWorklist(database, library, Clock.systemUTC());

            assertEquals(LocalDate.of(2027, 6, 29), worklist.deadline(LocalDate.of(2027, 3, 1)), "120 days, 2027's");
            assertEquals(LocalDate.of(2026, 5, 30), worklist.deadline(LocalDate.of(2026, 3, 1)), "90 days, 2026's");
            assertEquals(LocalDate.of(2028, 6, 29), worklist.deadline(LocalDate.of(2028, 3, 1)),
                    "no 2028 table: the nearest year's before it, 2027's 120 days");
            assertEquals(LocalDate.of(2019, 5, 30), worklist.deadline(LocalDate.of(2019, 3, 1)),
                    "before every table: the earliest table's window");
            // the quote engine's newborn pathway ends on the same day
            assertEquals(library.table(2027).orElseThrow().newborn().deadline(LocalDate.of(2027, 3, 1)),
                    library.newbornDeadline(LocalDate.of(2027, 3, 1)));
            assertEquals(120, library.widestNewbornWindow());
        }
    }
}
