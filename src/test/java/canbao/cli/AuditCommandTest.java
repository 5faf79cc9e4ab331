package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.CardNotes;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.account.Session;
import canbao.store.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit show} and {@code audit verify}: what changed, read from the outbox rows the entries refer to. */
class AuditCommandTest {

    private static final String CODE = "E3A1F0C9B7D24C5E8A11";

    @TempDir
    Path folder;

    record Ran(int exit, String stdout, String stderr) {
    }

    private Ran audit(Path data, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ByteArrayInputStream(new byte[0]), out, err,
                Map.of(Credentials.PASSWORD_VARIABLE, TestKeys.PASSWORD), null, Clock.systemDefaultZone(),
                Localization.CHINESE, data.toString());
        List<String> all = new ArrayList<>(List.of("audit"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data", data.toString(), "--user", TestKeys.ADMIN));
        int exit = Commands.run(cli, all.toArray(String[]::new));
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void showPrintsWhatChangedFromTheOutboxMaskedAndVerifyChecksIt() throws Exception {
        Path data = folder.resolve("data");
        try (Session session = TestKeys.setUp(data)) {
            HouseholdService households = new HouseholdService(session.database(), PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
            for (String group : List.of("3组", "4组")) {
                var saved = households.save(new HouseholdEntry("0012", "兴义村", group, null, null, List.of(
                        new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", "汉", List.of(), null,
                                null, null))), TestKeys.ADMIN);
                assertTrue(saved.isValid(), saved.problems()::toString);
            }
            String person = session.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM person")
                    .mapTo(String.class).one());
            new CardNotes(session.database()).record(List.of(new CardNotes.Note(person, CODE, null, null)),
                    TestKeys.ADMIN, Instant.now());
        }

        Ran shown = audit(data, "show", "--entity", "household");
        assertEquals(0, shown.exit(), shown.stderr());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : shown.stdout().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(2, lines.size(), shown.stdout());
        JsonNode change = lines.get(1);
        assertEquals("change", change.get("action").asText());
        assertEquals("3组", change.get("before").get("group").asText(), change.toString());
        assertEquals("4组", change.get("after").get("group").asText(), change.toString());
        assertEquals("intact", change.get("outbox").asText());

        Ran persons = audit(data, "show", "--entity", "person", "--last", "1");
        assertEquals(0, persons.exit(), persons.stderr());
        assertTrue(persons.stdout().contains("E3A1************8A11"), persons.stdout());
        assertFalse(persons.stdout().contains(CODE), "the card code is shown masked");

        Ran verified = audit(data, "verify");
        assertEquals(0, verified.exit(), verified.stdout());
        assertTrue(verified.stdout().contains("\"intact\":true"), verified.stdout());
    }
}
