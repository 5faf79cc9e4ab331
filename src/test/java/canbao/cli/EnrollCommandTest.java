package canbao.cli;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
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

class EnrollCommandTest {

    static final String ISSUE_EXAMPLE = """
            {"household":{"number":"0012","village":"兴义村","group":"3组","address":"兴义镇兴义村3组","phone":"13800000000"},\
            "members":[\
            {"name":"张三","idNumber":"500230198003151079","relation":"户主","ethnicity":"汉","categories":[],\
            "enrollment":{"policyYear":2022,"tier":1,"paymentDate":"2022-01-10","receiptNo":"R0001"}},\
            {"name":"张小宝","birthDate":"2022-03-01","birthCertificateNo":"Q500123456","relation":"子",\
            "enrollment":{"policyYear":2022,"withGuardian":"500230198003151079"}},\
            {"name":"李四","idNumber":"500230198207073877","relation":"配偶"}]}""";

    @TempDir
    Path folder;

    private Database database;
    private int exitStatus;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void issueExampleSavesTheFamilyAndAnswersWithTheirIds() throws IOException {
        JsonNode answer = run(ISSUE_EXAMPLE).get(0);

        assertEquals(0, exitStatus);
        assertEquals(36, answer.get("household").asText().length());
        JsonNode members = answer.get("members");
        assertEquals(3, members.size());
        assertEquals("320", members.get(0).get("payable").toString());
        assertEquals("paid", members.get(0).get("status").asText());
        assertEquals("0", members.get(1).get("payable").toString());
        assertEquals("with_guardian", members.get(1).get("kind").asText());
        assertEquals("2022-03-01", members.get(1).get("benefitStart").asText());
        assertTrue(members.get(2).get("enrollment").isNull());
    }

    @Test
    void sameLineTwiceIsRefusedTheSecondTimeOnTheDuplicateMembers() throws IOException {
        List<JsonNode> answers = run(ISSUE_EXAMPLE, ISSUE_EXAMPLE);

        JsonNode refused = answers.get(1);
        assertTrue(refused.has("errors"), refused.toString());
        List<String> fields = new ArrayList<>();
        refused.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("members[0].idNumber", "members[1].birthCertificateNo"), fields);
        assertTrue(refused.get("error").asText().contains("不能重复参保"));
        assertEquals(2, exitStatus);
        long persons = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM person")
                .mapTo(Long.class).one());
        assertEquals(3, persons);
    }

    @Test
    void badLinesAreAnsweredWithTheirFieldsAndTheRestStillSaved() throws IOException {
        List<JsonNode> answers = run(
                "{\"household\":{\"number\":\"0013\"},\"members\":[{\"name\":\"王五\",\"idNumber\":\"123\"}]}",
                "{not json",
                "{\"household\":{\"number\":\"0014\",\"village\":\"兴义村\",\"colour\":\"红\"},\"members\":[]}",
                "{\"household\":{\"number\":\"0015\"},\"members\":[{\"tier\":1e-99999999999999}]}",
                ISSUE_EXAMPLE);

        assertTrue(answers.get(0).get("error").asText().contains("household.village"));
        assertTrue(answers.get(0).get("error").asText().contains("members[0].idNumber"));
        assertTrue(answers.get(1).get("error").asText().contains("JSON"));
        assertTrue(answers.get(2).get("error").asText().contains("household.colour"));
        assertTrue(answers.get(3).get("error").asText().contains("JSON"), "a number no BigDecimal holds: " + answers.get(3));
        assertFalse(answers.get(4).has("errors"));
        assertEquals(2, exitStatus);
    }

    @Test
    void theStatusIsReadFromItsCodeAndAnyOtherTextIsRefusedWhereItWasWritten() throws IOException {
        String line = """
                {"household":{"number":"0015","village":"兴义村"},"members":[\
                {"name":"张三","idNumber":"500230198003151079",\
                "enrollment":{"policyYear":2022,"tier":1,"paymentDate":"2022-01-10","status":"%s"}}]}""";
        List<JsonNode> answers = run(line.formatted("maybe"), line.formatted(" Draft "));

        JsonNode refused = answers.get(0);
        assertEquals(1, refused.get("errors").size(), refused.toString());
        assertEquals("members[0].enrollment.status", refused.get("errors").get(0).get("field").asText());
        assertTrue(refused.get("error").asText().contains(
                "状态只能是 paid（已缴费）、draft（暂存）或 cancelled（撤销），不能是“maybe”"), refused.toString());
        assertEquals("draft", answers.get(1).get("members").get(0).get("status").asText(), answers.get(1).toString());
        assertEquals(2, exitStatus);
    }

    private List<JsonNode> run(String... lines) throws IOException {
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemDefaultZone());
        EnrollCommand command = new EnrollCommand(households, "王芳", Localization.CHINESE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exitStatus = command.run(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out);
        List<JsonNode> answers = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String answer : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            answers.add(json.readTree(answer));
        }
        return answers;
    }
}
