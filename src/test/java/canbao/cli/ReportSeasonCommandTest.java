package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.Localization;
import canbao.report.SeasonDashboard;
import canbao.store.CoverageStore;
import canbao.store.SeasonStore;
import canbao.store.SeasonVillage;
import canbao.account.Session;
import canbao.store.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report season} signed in on a real folder: what it prints is the dashboard of that day. */
class ReportSeasonCommandTest {

    @TempDir
    Path folder;

    @Test
    void theJsonIsTheDashboardOfTheDayAsked() throws Exception {
        String expected;
        try (Session session = TestKeys.setUp(folder)) {
            SeasonVillage.fill(session.database());
            expected = new ObjectMapper().writeValueAsString(new SeasonDashboard(new SeasonStore(session.database()),
                    new CoverageStore(session.database()), Clock.fixed(SeasonVillage.NOW, SeasonVillage.CHONGQING))
                    .compute(2026).json());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // a day later in the real clock: --date says which day is asked
        CommandLine cli = new CommandLine(new ByteArrayInputStream(new byte[0]), out, err,
                Map.of("CANBAO_USER", TestKeys.ADMIN, "CANBAO_PASSWORD", TestKeys.PASSWORD), null,
                Clock.system(SeasonVillage.CHONGQING), Localization.CHINESE, folder.toString());

        int exit = Commands.run(cli, new String[] {"report", "season", "--data", folder.toString(), "--year", "2026",
            "--date", SeasonVillage.TODAY.toString(), "--json"});

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(expected, line);
        JsonNode printed = new ObjectMapper().readTree(line);
        assertEquals("2025-11-20", printed.get("date").asText());
        assertEquals("2024-11-20", printed.get("lastSeasonDay").asText());
    }
}
