package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enroll} cancels with the same reason the screen asks for (issue 20, defect 8): one path, one rule. */
class EnrollCancelReasonTest {

    private static final String CANCEL = """
            {"household":{"number":"0012","village":"兴义村"},"members":[{"name":"张三","idNumber":"500230198003151079",\
            "enrollment":{"policyYear":2022,"status":"cancelled","cancelReason":"%s"}}]}""";

    @TempDir
    Path folder;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCancellationCarriesItsReasonIntoTheRowTheUploadAndTheAuditLog() throws Exception {
        run(EnrollCommandTest.ISSUE_EXAMPLE);

        JsonNode answer = run(CANCEL.formatted("重复登记")).get(0);

        assertEquals("cancelled", answer.get("members").get(0).get("status").asText(), answer.toString());
        assertEquals("重复登记", database.jdbi().withHandle(h -> h.createQuery(
                "SELECT cancel_reason FROM enrollment WHERE status = 'cancelled'").mapTo(String.class).one()));
        String queued = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM outbox WHERE entity = 'enrollment' AND revision = 2").mapTo(String.class).one());
        assertTrue(queued.contains("\"cancelReason\":\"重复登记\""), queued);
        // the audit entry refers to the outbox row; the audit shows its payload
        String audited = new canbao.store.AuditTrail(database).latest(null, null, 1000).stream()
                .filter(l -> l.action().equals("cancel")).map(canbao.store.AuditTrail.Line::after)
                .reduce((a, b) -> { throw new AssertionError("one cancellation"); }).orElseThrow();
        assertTrue(audited.contains("重复登记"), audited);
    }

    @Test
    void aReasonWithoutCancellingOrTooLongIsAnErrorNamingTheField() throws Exception {
        run(EnrollCommandTest.ISSUE_EXAMPLE);

        JsonNode paying = run(CANCEL.formatted("x").replace("\"status\":\"cancelled\"", "\"status\":\"draft\","
                + "\"tier\":1,\"paymentDate\":\"2022-01-10\"")).get(0);
        JsonNode tooLong = run(CANCEL.formatted("因".repeat(101))).get(0);

        assertEquals("members[0].enrollment.cancelReason", paying.get("errors").get(0).get("field").asText(),
                paying.toString());
        assertEquals("members[0].enrollment.cancelReason", tooLong.get("errors").get(0).get("field").asText(),
                tooLong.toString());
        assertEquals(0L, (long) database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM enrollment WHERE status = 'cancelled'").mapTo(Long.class).one()));
    }

    private List<JsonNode> run(String... lines) throws Exception {
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemDefaultZone());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EnrollCommand(households, "王芳", Localization.CHINESE)
                .run(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out);
        List<JsonNode> answers = new ArrayList<>();
        for (String answer : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            answers.add(new ObjectMapper().readTree(answer));
        }
        return answers;
    }
}
