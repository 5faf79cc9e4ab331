package canbao.cli;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.report.RosterImport;
import canbao.store.Database;
import canbao.store.RosterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import}: a JSON answer, exit 2 with every problem when the file is refused, 0 when imported. */
class ImportCommandTest {

    @TempDir
    Path folder;

    @Test
    void refusedFileExitsTwoWithEveryProblemAndAGoodOneIsImported() throws Exception {
        Path bad = folder.resolve("bad.csv");
        Path good = folder.resolve("good.csv");
        String header = "户号,村(社区),组,姓名,身份证号,与户主关系,民族,联系电话\n";
        Files.writeString(bad, header + "0012,,3组,张三,500230198003151078,户主,汉,\n");
        Files.writeString(good, header + "0012,兴义村,3组,张三,500230198003151079,户主,汉,\n");
        try (Database database = Database.open(folder.resolve("data"), TestKeys.KEY)) {
            ImportCommand command = new ImportCommand(new RosterImport(new RosterStore(database, Clock.systemUTC()),
                    PolicyLibrary.builtIn(), Clock.systemUTC()), "王芳", Localization.CHINESE);

            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            assertEquals(2, command.run(RosterImport.Kind.ROSTER, bad, new PrintStream(refused, true, StandardCharsets.UTF_8)));
            ByteArrayOutputStream imported = new ByteArrayOutputStream();
            assertEquals(0, command.run(RosterImport.Kind.ROSTER, good,
                    new PrintStream(imported, true, StandardCharsets.UTF_8)));

            JsonNode no = new ObjectMapper().readTree(refused.toString(StandardCharsets.UTF_8));
            assertEquals(false, no.get("imported").asBoolean());
            java.util.List<String> problems = new java.util.ArrayList<>();
            no.get("problems").forEach(p -> problems.add(p.get("where").asText() + ": " + p.get("message").asText()));
            assertEquals(java.util.List.of("第2行 村(社区): 村(社区)不能为空",
                    "第2行 身份证号: 身份证号校验码错误：按前17位应为9，实为8"), problems);
            JsonNode yes = new ObjectMapper().readTree(imported.toString(StandardCharsets.UTF_8));
            assertEquals(2, yes.get("created").asInt(), "the household and the person");
            assertEquals("UTF-8", yes.get("encoding").asText());
        }
    }
}
