package canbao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.EnrollCommand;
import canbao.cli.QuoteCommand;
import canbao.hub.Hub;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import canbao.report.RosterImport;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.RosterStore;
import canbao.store.TestKeys;
import canbao.sync.BatchAnswer;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 13's property suite: random and mutated quote lines, enroll lines, CSV roster rows and hub records.
 * Whatever comes in — never a stack trace, never an exception out of the command, one answer per line,
 * a refused household or file leaves nothing behind, and the hub answers every record (never the batch's
 * 500). Tries are bounded so the suite takes seconds.
 */
class HostileInputProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String QUOTE = """
            {"policyYear":2022,"county":"500230","date":"2022-01-10","members":[{"name":"张三",\
            "idNumber":"500230198003151079","tier":1,"categories":["DIBAO"]},{"name":"小宝","birthDate":"2021-12-01",\
            "birthCertificateNo":"O500123456","tier":1}]}""";
    private static final String HOUSEHOLD = """
            {"household":{"number":"0001","village":"兴义村","group":"3组","phone":"13800000000"},"members":[\
            {"name":"张三","idNumber":"500230198003151079","relation":"户主","ethnicity":"汉",\
            "categories":[{"code":"DIBAO","certifiedBy":"民政办","certifiedOn":"2021-05-01"}],\
            "enrollment":{"policyYear":2022,"tier":1,"paymentDate":"2022-01-10"}}]}""";
    private static final String ROSTER_HEADER = "户号,村(社区),组,姓名,身份证号,与户主关系,民族,联系电话";
    private static final String ROSTER_ROW = "0012,兴义村,3组,张三,500230198003151079,户主,汉,13800000000";

    private static Path folder;
    private static Database database;

    @BeforeContainer
    static void open() throws Exception {
        folder = Files.createTempDirectory("canbao-properties");
        database = Database.open(folder.resolve("data"), TestKeys.KEY);
    }

    @AfterContainer
    static void close() throws Exception {
        database.close();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A valid text with a few characters replaced, dropped or doubled, or something else entirely. */
    private static Arbitrary<String> mutated(String valid) {
        Arbitrary<String> edits = Combinators.combine(
                Arbitraries.integers().between(0, valid.length() - 1),
                Arbitraries.integers().between(0, 3),
                Arbitraries.strings().withCharRange('\u0000', '\u07ff').withChars("{}[]\",:0123456789-年张\u202e")
                        .ofMinLength(0).ofMaxLength(6))
                .as((at, how, text) -> switch (how) {
                    case 0 -> valid.substring(0, at) + text + valid.substring(at + 1);
                    case 1 -> valid.substring(0, at) + valid.substring(Math.min(valid.length(), at + text.length() + 1));
                    case 2 -> valid.substring(0, at) + text + valid.substring(at);
                    default -> valid.substring(0, at);
                });
        Arbitrary<String> twice = edits.flatMap(once -> Combinators.combine(
                Arbitraries.integers().between(0, Math.max(0, once.length() - 1)),
                Arbitraries.strings().withChars("\"{}[],:nul0-").ofMaxLength(3))
                .as((at, text) -> once.isEmpty() ? text : once.substring(0, at) + text + once.substring(at)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, edits),
                net.jqwik.api.Tuple.of(3, twice),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
    }

    @Provide
    Arbitrary<List<String>> quoteLines() {
        return mutated(QUOTE).map(line -> line.replace('\n', ' ').replace('\r', ' ')).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 150)
    void everyQuoteLineGetsOneAnswerAndNoStackTrace(@ForAll("quoteLines") List<String> lines) throws Exception {
        QuoteCommand quote = new QuoteCommand(new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemUTC()),
                new QuoteEngine(Localization.CHINESE), Localization.CHINESE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        quote.run(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out);

        // a blank line is no request and gets no answer (JsonLines)
        List<String> answers = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(lines.stream().filter(line -> !line.isBlank()).count(), answers.size(), out.toString(java.nio.charset.StandardCharsets.UTF_8));
        for (String answer : answers) {
            assertTrue(JSON.readTree(answer).isObject(), answer);
            assertNoStackTrace(answer);
        }
    }

    @Provide
    Arbitrary<String> enrollLines() {
        return mutated(HOUSEHOLD).map(line -> line.replace('\n', ' ').replace('\r', ' '));
    }

    @Property(tries = 80)
    void everyEnrollLineGetsOneAnswerAndARefusedOneSavesNothing(@ForAll("enrollLines") String line)
            throws Exception {
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        List<Long> before = counts();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new EnrollCommand(households, "王芳", Localization.CHINESE).run(
                new BufferedReader(new StringReader(line + "\n")), out);

        List<String> answers = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(line.isBlank() ? 0 : 1, answers.size(), out.toString(java.nio.charset.StandardCharsets.UTF_8));
        if (answers.isEmpty()) {
            assertEquals(before, counts());
            return;
        }
        assertNoStackTrace(answers.get(0));
        if (JSON.readTree(answers.get(0)).has("problems") || JSON.readTree(answers.get(0)).has("error")) {
            assertEquals(before, counts(), "a refused household leaves nothing: " + answers.get(0));
        }
    }

    @Provide
    Arbitrary<List<String>> rosterRows() {
        return mutated(ROSTER_ROW).map(row -> row.replace('\n', ' ').replace('\r', ' ')).list().ofMinSize(1)
                .ofMaxSize(6);
    }

    @Property(tries = 60)
    void aRosterFileIsImportedWholeOrNotAtAll(@ForAll("rosterRows") List<String> rows) throws Exception {
        Path csv = Files.createTempFile(folder, "roster", ".csv");
        Files.writeString(csv, ROSTER_HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        RosterImport imports = new RosterImport(new RosterStore(database, Clock.systemUTC()), PolicyLibrary.builtIn(),
                Clock.systemUTC());
        List<Long> before = counts();

        RosterImport.Report report = imports.run(RosterImport.Kind.ROSTER, csv, "王芳", (done, total) -> { });

        if (report.isValid()) {
            RosterStore.Outcome done = report.outcome();
            assertTrue(done.created() + done.changed() + done.unchanged() >= report.rows(),
                    "every line of an imported file is in: " + done + " for " + report.rows() + " lines");
        } else {
            assertEquals(before, counts(), "a refused file leaves nothing");
            report.outcome().problems().forEach(p -> assertNoStackTrace(p.describe(Localization.CHINESE)));
        }
        long staged = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM import_roster_line")
                .mapTo(Long.class).one());
        assertEquals(0L, staged, "the staging table is empty after every import");
    }

    @Provide
    Arbitrary<List<SyncRecord>> hubRecords() {
        String household = "{\"id\":\"h\",\"number\":\"0012\",\"village\":\"兴义村\",\"group\":\"3组\"}";
        String person = "{\"id\":\"p\",\"household\":\"h\",\"name\":\"张三\",\"idNumber\":\"500230198003151079\","
                + "\"birthDate\":\"1980-03-15\",\"sex\":\"MALE\"}";
        String enrollment = "{\"id\":\"e\",\"person\":\"p\",\"policyYear\":2022,\"kind\":\"own\",\"tier\":1,"
                + "\"paymentDate\":\"2022-01-10\",\"status\":\"paid\",\"payableFen\":32000,"
                + "\"benefitStart\":\"2022-01-01\",\"benefitEnd\":\"2022-12-31\"}";
        Arbitrary<SyncRecord> record = Arbitraries.of("household", "person", "enrollment", "person_category", "x")
                .flatMap(entity -> mutated(switch (entity) {
                    case "household" -> household;
                    case "person" -> person;
                    default -> enrollment;
                }).map(payload -> new SyncRecord(entity, UUID.randomUUID().toString(), 1, payload)));
        return record.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 60)
    void theHubAnswersEveryRecordAndNeverFailsTheBatch(@ForAll("hubRecords") List<SyncRecord> records) {
        try (Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub-" + UUID.randomUUID() + ".db"),
                Clock.systemUTC())) {
            hub.registerDevice("兴义镇-1");

            BatchAnswer answer = hub.receive("兴义镇-1", new UploadBatch(UUID.randomUUID().toString(), "兴义镇-1",
                    "兴义镇", "王芳", records));

            assertEquals(records.size(), answer.results().size());
            answer.results().forEach(result -> {
                if (result.message() != null) {
                    assertNoStackTrace(result.message());
                }
            });
        }
    }

    private static List<Long> counts() {
        List<Long> counts = new ArrayList<>();
        for (String table : List.of("household", "person", "person_category", "enrollment", "outbox", "audit_log")) {
            counts.add(database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                    .mapTo(Long.class).one()));
        }
        return counts;
    }

    private static void assertNoStackTrace(String text) {
        assertFalse(text.contains("Exception") || text.contains("at canbao.") || text.contains("at java."), text);
    }
}
