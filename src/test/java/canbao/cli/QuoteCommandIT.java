package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code target/canbao.jar} as a user would: a real process, stdin and stdout. */
class QuoteCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void packagedJarAnswersEachLineAndExitsTwoAfterABadOne() throws Exception {
        Result result = quote(List.of(), QuoteCommandTest.ISSUE_EXAMPLE, "{not json", QuoteCommandTest.ISSUE_EXAMPLE);

        assertEquals(2, result.exitStatus(), result.stderr());
        assertEquals(3, result.answers().size());
        JsonNode member = result.answers().get(0).get("members").get(0);
        assertEquals("32", member.get("payable").toString());
        assertTrue(member.get("rules").get(0).get("text").asText().contains("一档"), "Chinese survives LANG=C");
        assertTrue(result.answers().get(1).get("error").asText().contains("JSON"));
        assertEquals(result.answers().get(0), result.answers().get(2));
    }

    @Test
    void packagedJarExitsZeroWhenEveryLineIsGood() throws Exception {
        Result result = quote(List.of(), QuoteCommandTest.ISSUE_EXAMPLE);

        assertEquals(0, result.exitStatus(), result.stderr());
        assertEquals(1, result.answers().size());
    }

    @Test
    void policyTableDroppedInAFolderIsUsedWithoutANewBuild() throws Exception {
        try (InputStream table = getClass().getClassLoader().getResourceAsStream("policy-extra/2031.json")) {
            Files.copy(table, folder.resolve("2031.json"));
        }
        String request = """
                {"policyYear":2031,"county":"500230","date":"2030-10-01","members":[{"idNumber":"500230198003151079","tier":1}]}""";

        Result result = quote(List.of("--policy-dir", folder.toString()), request);

        assertEquals(0, result.exitStatus(), result.stderr());
        assertEquals("512.5", result.answers().get(0).get("total").toString());
    }

    /**
     * Issue 13: a line of 1.2 million members (≈ 52 MB) once ran the process out of memory and the next
     * line was never answered. Now, in a 64 MB heap, it is one error line and the next is answered.
     */
    @Test
    void aHugeLineIsOneErrorAndTheNextLineIsStillAnsweredInASmallHeap() throws Exception {
        StringBuilder huge = new StringBuilder("{\"policyYear\":2022,\"county\":\"500230\",\"date\":\"2022-01-10\",\"members\":[");
        String member = "{\"idNumber\":\"500230198003151079\",\"tier\":1},";
        while (huge.length() < 52_000_000) {
            huge.append(member);
        }
        huge.append(member, 0, member.length() - 1).append("]}");

        Result result = quote(List.of(), List.of("-Xmx64m"), huge.toString(), QuoteCommandTest.ISSUE_EXAMPLE);

        assertEquals(2, result.exitStatus(), result.stderr());
        assertEquals(2, result.answers().size(), result.stderr());
        assertTrue(result.answers().get(0).get("error").asText().contains("超过1048576个字符"),
                result.answers().get(0).toString());
        assertEquals("32", result.answers().get(1).get("total").toString());
        assertFalse(result.stderr().contains("OutOfMemoryError"), result.stderr());
    }

    private record Result(int exitStatus, List<JsonNode> answers, String stderr) {
    }

    private Result quote(List<String> options, String... lines) throws IOException, InterruptedException {
        return quote(options, List.of(), lines);
    }

    private Result quote(List<String> options, List<String> jvm, String... lines) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-jar", System.getProperty("canbao.jar", "target/canbao.jar"), "quote"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        builder.redirectError(folder.resolve("stderr.txt").toFile());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "quote did not finish");
        List<JsonNode> answers = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                answers.add(JSON.readTree(line));
            }
        }
        return new Result(process.exitValue(), answers, Files.readString(folder.resolve("stderr.txt")));
    }
}
