package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.bench.BenchCommand;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ISSUE_EXAMPLE = """
            {"policyYear":2022,"county":"500230","date":"2022-07-15",\
            "members":[{"name":"张三","idNumber":"500230198003152338","tier":1,"categories":["DIBAO"],\
            "employeeInsuranceEndedOn":"2022-05-10","graduationYear":2022}]}""";

    private int exitStatus;

    @Test
    void issueExampleIsAnsweredAsSpecified() throws IOException {
        JsonNode answer = run(ISSUE_EXAMPLE).get(0);
        JsonNode member = answer.get("members").get(0);

        assertEquals(0, exitStatus);
        assertTrue(member.get("eligible").asBoolean());
        assertEquals("320", member.get("standard").toString());
        assertEquals("288", member.get("subsidy").toString());
        assertEquals("0", member.get("surcharge").toString());
        assertEquals("32", member.get("payable").toString());
        assertEquals("2022-07-15", member.get("benefitStart").asText());
        assertEquals("2022-12-31", member.get("benefitEnd").asText());
        assertEquals(0, member.get("waitingDays").asInt());
        assertTrue(member.get("reason").isNull());
        assertTrue(member.get("rules").size() >= 3);
        for (JsonNode rule : member.get("rules")) {
            assertFalse(rule.get("cite").asText().isBlank());
            assertFalse(rule.get("text").asText().isBlank());
        }
        assertEquals("32", answer.get("total").toString());
    }

    @Test
    void householdTotalAddsEligibleMembersOnly() throws IOException {
        JsonNode answer = run("""
                {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[
                {"idNumber":"500230198003151079","tier":1},
                {"idNumber":"500230198003151087","tier":2,"categories":["DIBAO"]},
                {"birthDate":"2022-06-01","birthCertificateNo":"Q500123456","tier":1}]}""".replace("\n", "")).get(0);

        assertEquals("900", answer.get("members").get(0).get("payable").toString());
        assertEquals("375", answer.get("members").get(1).get("payable").toString());
        assertEquals("320", answer.get("members").get(2).get("payable").toString());
        assertEquals("1595", answer.get("total").toString());
    }

    @Test
    void ineligibleMemberHasReasonAndAddsNothing() throws IOException {
        JsonNode answer = run("""
                {"policyYear":2022,"county":"500230","date":"2022-10-08","members":[\
                {"idNumber":"500230198003151079","tier":1},{"idNumber":"500230198003151087","tier":1,"categories":["DIBAO"]}]}\
                """).get(0);

        JsonNode refused = answer.get("members").get(0);
        assertFalse(refused.get("eligible").asBoolean());
        assertTrue(refused.get("reason").asText().contains("2022年9月30日"));
        assertTrue(refused.get("benefitStart").isNull());
        assertEquals("32", answer.get("total").toString());
        assertEquals(0, exitStatus);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bad check character  | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151078","tier":1}]} | members[0].idNumber | 校验码
            bad length           | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"5002301980","tier":1}]}         | members[0].idNumber | 18位
            unknown category     | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151079","tier":1,"categories":["RICH"]}]} | members[0].categories[0] | RICH
            tier 3               | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151079","tier":3}]} | members[0].tier | 档次
            tier as text         | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151079","tier":"一档"}]} | members[0].tier | 整数
            no table for year    | {"policyYear":2019,"county":"500230","date":"2019-07-15","members":[{"idNumber":"500230198003151079","tier":1}]} | policyYear | 2019
            impossible date      | {"policyYear":2022,"county":"500230","date":"2022-02-30","members":[{"idNumber":"500230198003151079","tier":1}]} | date | 2022-02-30
            missing date         | {"policyYear":2022,"county":"500230","members":[{"idNumber":"500230198003151079","tier":1}]} | date | 缺少
            missing tier         | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151079"}]} | members[0].tier | 缺少
            missing county       | {"policyYear":2022,"date":"2022-07-15","members":[{"idNumber":"500230198003151079","tier":1}]} | county | 缺少
            missing identity     | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"name":"张三","tier":1}]} | members[0].idNumber | 出生医学证明
            misspelt field       | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151079","tier":1,"catgories":["DIBAO"]}]} | members[0].catgories | 未知字段
            field named ""       | {"policyYear":2022,"county":"500230","date":"2022-07-15","":1,"members":[{"idNumber":"500230198003151079","tier":1}]} | `""` | 未知字段
            member field ""      | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151079","tier":1,"":[]}]} | `members[0].""` | 未知字段
            born after payment   | {"policyYear":2022,"county":"500230","date":"2022-02-20","members":[{"idNumber":"500110202203010025","tier":1}]} | members[0].idNumber | 晚于缴费日期
            members not an array | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":{}} | members | 数组
            not an object        | [1,2] | `` | JSON 对象
            malformed JSON       | {"policyYear":2022, | `` | 不是有效的 JSON
            number beyond BigDecimal | {"policyYear":2022,"county":"500230","date":"2022-07-15","members":[{"idNumber":"500230198003151079","tier":1,"repairYears":99999999e-999999999999}]} | `` | 不是有效的 JSON
            duplicate key        | {"policyYear":2022,"policyYear":2021,"county":"500230","date":"2022-07-15","members":[]} | `` | 不是有效的 JSON
            """)
    void invalidLineIsAnsweredWithErrorNamingTheField(String what, String line, String field, String mentions)
            throws IOException {
        List<JsonNode> answers = run(line, ISSUE_EXAMPLE);

        JsonNode error = answers.get(0);
        assertTrue(error.has("error"), what);
        assertFalse(error.has("members"), what);
        String message = error.get("error").asText();
        assertTrue(message.contains(mentions), message);
        if (!field.isEmpty()) {
            assertTrue(message.startsWith(field + ": ") || message.contains("; " + field + ": "), message);
            assertTrue(fields(error).contains(field), error.toString());
        }
        assertEquals("32", answers.get(1).get("total").toString(), "the next line is still answered");
        assertEquals(QuoteCommand.EXIT_BAD_INPUT, exitStatus);
    }

    @Test
    void answersComeInOrderOneLinePerRequestSkippingBlankLines() throws IOException {
        String adultIn = """
                {"policyYear":2022,"county":"500230","date":"2022-01-10","members":[{"idNumber":"500230198003151079","tier":1}]}""";
        List<JsonNode> answers = run(ISSUE_EXAMPLE, "", "   ", "{", adultIn);

        assertEquals(3, answers.size());
        assertEquals("32", answers.get(0).get("total").toString());
        assertTrue(answers.get(1).has("error"));
        assertEquals("2022-01-01", answers.get(2).get("members").get(0).get("benefitStart").asText());
    }

    @Test
    void byteOrderMarkOfAWindowsFileIsNotAnError() throws IOException {
        List<JsonNode> answers = run("\uFEFF" + ISSUE_EXAMPLE);

        assertEquals("32", answers.get(0).get("total").toString());
        assertEquals(0, exitStatus);
    }

    @Test
    void historyInTheRequestGivesBrokenYearsWaitingMonthsRepairAndContinuity() throws IOException {
        JsonNode answer = run("""
                {"policyYear":2026,"county":"500230","date":"2025-12-15","members":[\
                {"idNumber":"500230198003151079","tier":1,"coveredYears":[2024,2024]},\
                {"idNumber":"500230198003151087","tier":1,"coveredYears":[2024],"repairYears":1},\
                {"idNumber":"500230198207073877","tier":1,"coveredYears":[2022,2023,2024,2025]},\
                {"idNumber":"500230194501011230","tier":1}]}""").get(0);

        JsonNode broken = answer.get("members").get(0);
        assertEquals(0, exitStatus);
        assertEquals(1, broken.get("brokenYears").asInt());
        assertEquals(4, broken.get("waitingMonths").asInt());
        assertEquals("0", broken.get("repair").toString());
        assertEquals("2026-04-16", broken.get("benefitStart").asText());
        assertEquals(1, broken.get("continuousYears").asInt());
        assertFalse(broken.get("provisional").asBoolean());
        assertTrue(broken.get("explanation").asText().contains("2025年断保1年，等待期4个月"), broken.toString());
        JsonNode repaired = answer.get("members").get(1);
        assertEquals("400", repaired.get("repair").toString());
        assertEquals("800", repaired.get("payable").toString());
        assertEquals(3, repaired.get("waitingMonths").asInt());
        JsonNode continuous = answer.get("members").get(2);
        assertEquals(5, continuous.get("continuousYears").asInt());
        assertTrue(continuous.get("waitingMonths").isNull());
        assertTrue(continuous.get("provisional").asBoolean(), "paid in the provisional 2026 enrolment period");
        JsonNode unknown = answer.get("members").get(3);
        assertEquals(0, unknown.get("brokenYears").asInt());
        assertTrue(unknown.get("continuousYears").isNull());
        assertEquals("2000", answer.get("total").toString(), "400 + 800 + 400 + 400");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "coveredYears":[2024.5]           | members[0].coveredYears[0]
            "coveredYears":["2024"]           | members[0].coveredYears[0]
            "coveredYears":[2024,2027]        | members[0].coveredYears[1]
            "coveredYears":2024               | members[0].coveredYears
            "coveredYears":[2025],"repairYears":1   | members[0].repairYears
            "coveredYears":[2024],"repairYears":2   | members[0].repairYears
            "coveredYears":[2024],"repairYears":-1  | members[0].repairYears
            "coveredYears":[2024],"repairYears":1.5 | members[0].repairYears
            "repairYears":1                   | members[0].repairYears
            """)
    void badHistoryIsAnErrorLineNamingTheField(String fields, String field) throws IOException {
        List<JsonNode> answers = run("{\"policyYear\":2026,\"county\":\"500230\",\"date\":\"2025-12-15\","
                + "\"members\":[{\"idNumber\":\"500230198003151079\",\"tier\":1," + fields + "}]}", ISSUE_EXAMPLE);

        assertEquals(2, exitStatus);
        assertEquals(List.of(field), fields(answers.get(0)), answers.get(0).toString());
        assertEquals("32", answers.get(1).get("total").toString(), "the next line is still answered");
    }

    /** Issue 20, defect 12: the years known are listed as a clerk reads them, not "[2021, 2022]". */
    @Test
    void aYearWithNoTableNamesTheYearsThatHaveOne() throws IOException {
        JsonNode answer = run("""
                {"policyYear":2030,"county":"500230","date":"2029-10-01","members":[{"idNumber":"500230198003151079","tier":1}]}""").get(0);

        assertEquals("policyYear: 没有2030年度的政策表（已载入：2021、2022、2023、2024、2025、2026）", answer.get("error").asText());
    }

    @Test
    void moreThanFiftyMembersOnALineIsAnErrorNamingMembers() throws IOException {
        String member = "{\"idNumber\":\"500230198003151079\",\"tier\":1}";
        String many = String.join(",", java.util.Collections.nCopies(51, member));

        List<JsonNode> answers = run("{\"policyYear\":2022,\"county\":\"500230\",\"date\":\"2022-01-10\",\"members\":["
                + many + "]}", ISSUE_EXAMPLE);

        assertEquals(List.of("members"), fields(answers.get(0)));
        assertTrue(answers.get(0).get("error").asText().contains("一次最多测算50人，这一行有51人"), answers.get(0).toString());
        assertEquals("32", answers.get(1).get("total").toString());
    }

    /** A character outside the BMP (𠮷, in names) is written as its UTF-8 bytes, not as an escaped surrogate pair. */
    @Test
    void charactersOutsideTheBmpAreWrittenAsThemselves() throws IOException {
        QuoteCommand command = new QuoteCommand(
                new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemDefaultZone()),
                new QuoteEngine(Localization.CHINESE), Localization.CHINESE);
        String line = """
                {"policyYear":2022,"county":"500230","date":"2022-07-15",                "members":[{"name":"𠮷","idNumber":"500230198003151079","tier":1,"categories":["𠮷"]}]}""";
        for (int threads : new int[] {1, 2}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (threads == 1) {
                JsonLines.answerEach(new BufferedReader(new StringReader(line)), out, command::answer);
            } else {
                java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
                JsonLines.answerInOrder(new BufferedReader(new StringReader(line)), out, command::answer, workers, 2);
                workers.shutdownNow();
            }
            String answer = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.contains("“𠮷”") && !answer.contains("\\uD842"), answer);
        }
    }

    @Test
    void windowsLineEndsAndALastLineWithoutAnEndAreRead() throws IOException {
        QuoteCommand command = new QuoteCommand(
                new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemDefaultZone()),
                new QuoteEngine(Localization.CHINESE), Localization.CHINESE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = command.run(new BufferedReader(new StringReader(ISSUE_EXAMPLE + "\r\n\r\n" + ISSUE_EXAMPLE)), out);

        assertEquals(0, status, out::toString);
        assertEquals(2, out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n").length);
    }

    @ParameterizedTest
    @CsvSource({"0000-01-10", "+99999-01-10", "1899-12-31"})
    void aDateOutside1900To2100IsAnErrorNamingTheField(String date) throws IOException {
        JsonNode answer = run("{\"policyYear\":2022,\"county\":\"500230\",\"date\":\"" + date
                + "\",\"members\":[{\"idNumber\":\"500230198003151079\",\"tier\":1}]}").get(0);

        assertEquals(List.of("date"), fields(answer), answer.toString());
        assertTrue(answer.get("error").asText().contains("不在1900年至2100年之间"), answer.toString());
    }

    /**
     * Answered on several threads, a block at a time, the output is byte for byte what answering the
     * lines one by one on one thread gives: same answers, same order, bad lines and blank lines included,
     * the same exit status.
     */
    @Test
    void answersOnSeveralThreadsAreTheOneByOneAnswersInOrder() throws Exception {
        List<String> lines = new ArrayList<>(BenchCommand.syntheticRequests(3000, new java.util.Random(7),
                BenchCommand.Years.CURRENT_WITH_HISTORY));
        lines.set(5, "{\"policyYear\":2022");                       // malformed
        lines.set(700, "");                                             // blank: skipped
        lines.set(1500, "{\"policyYear\":1999,\"members\":[]}");       // refused
        // long lines end blocks early (a block holds at most MAX_LINE_CHARS); one is over the limit
        lines.set(2000, "{\"policyYear\":2022,\"county\":\"" + "x".repeat(600_000) + "\"}");
        lines.set(2001, "{\"policyYear\":2022,\"county\":\"" + "y".repeat(600_000) + "\"}");
        lines.set(2002, "z".repeat(JsonLines.MAX_LINE_CHARS + 10));
        String input = String.join("\n", lines) + "\n";
        QuoteCommand command = new QuoteCommand(
                new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemDefaultZone()),
                new QuoteEngine(Localization.CHINESE), Localization.CHINESE);
        ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
        int sequentialStatus = JsonLines.answerEach(new BufferedReader(new StringReader(input)), oneByOne,
                command::answer);
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4);
        ByteArrayOutputStream parallel = new ByteArrayOutputStream();
        int parallelStatus;
        try {
            parallelStatus = JsonLines.answerInOrder(new BufferedReader(new StringReader(input)), parallel,
                    command::answer, workers, 4);
        } finally {
            workers.shutdownNow();
        }

        assertEquals(2999, oneByOne.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n").length);
        assertEquals(oneByOne.toString(java.nio.charset.StandardCharsets.UTF_8), parallel.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(JsonLines.EXIT_BAD_INPUT, sequentialStatus);
        assertEquals(sequentialStatus, parallelStatus);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        assertEquals(sequentialStatus, command.run(new BufferedReader(new StringReader(input)), whole));
        assertEquals(oneByOne.toString(java.nio.charset.StandardCharsets.UTF_8), whole.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<JsonNode> run(String... lines) throws IOException {
        QuoteCommand command = new QuoteCommand(
                new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemDefaultZone()),
                new QuoteEngine(Localization.CHINESE), Localization.CHINESE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exitStatus = command.run(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out);
        List<JsonNode> answers = new ArrayList<>();
        for (String answer : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            answers.add(JSON.readTree(answer));
        }
        return answers;
    }

    private static List<String> fields(JsonNode error) {
        List<String> fields = new ArrayList<>();
        error.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
