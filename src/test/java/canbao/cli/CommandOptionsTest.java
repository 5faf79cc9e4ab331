package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import canbao.model.Localization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14: an option with a value of the wrong kind is refused before anything is signed in or
 * saved, with exit 64 and one line in Chinese that names the option and says what it takes — never a
 * parser's words ("For input string…") and never "unknown option" for an option that exists.
 */
class CommandOptionsTest {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            sync --data D --hub http://127.0.0.1:1 --time-limit abc => 选项 --time-limit 应为 0 到 86400 之间的整数，“abc”不是
            sync --data D --hub http://127.0.0.1:1 --time-limit -5 => 选项 --time-limit 应为 0 到 86400 之间的整数，“-5”不是
            sync --data D --hub http://127.0.0.1:1 --batch-size 十 => 选项 --batch-size 应为 1 到 10000 之间的整数，“十”不是
            sync --data D --hub http://127.0.0.1:1 --allow-plain-http 1 => 选项 --allow-plain-http 只能是 yes|no，“1”不是
            sync --data D --time-limit 30 => 用法：java -jar canbao.jar sync --data DIR --hub URL [--token-file F] [--time-limit SECONDS] [--batch-size N]
            hub --port 99999 --db jdbc:sqlite:D/h.db => 选项 --port 应为 0 到 65535 之间的整数，“99999”不是
            hub --port 0 --db jdbc:sqlite:D/h.db --max-batch-bytes 8MB => 选项 --max-batch-bytes 应为 1 到 1073741824 之间的整数，“8MB”不是
            report coverage --data D --year 二〇二二 => 选项 --year 应为四位数的年度（如 2027），“二〇二二”不是
            report renewals --data D => 缺少选项 --year YYYY
            report reminders --data D --year 2027 => 缺少选项 --out F.pdf|.xlsx
            report season --data D => 缺少选项 --year YYYY
            report season --data D --year 2027 --date 2027-02-30 => “2027-02-30”不是有效的日期（应写成 2022-01-05 这样）
            report bulletin --data D --year 2022 --out b.xlsx --date 2022-02-30 => “2022-02-30”不是有效的日期（应写成 2022-01-05 这样）
            import --data D --kind people roster.csv => 选项 --kind 只能是 roster|ledger|targets，“people”不是
            enroll --data D --user => 选项“--user”后面缺少取值
            """)
    void aBadOptionIsNamedWithWhatItTakes(String command, String said) {
        String[] args = command.strip().replace(" D", " " + folder).replace(":D", ":" + folder).split("\\s+");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ByteArrayInputStream(new byte[0]), out, err, Map.of(), null,
                Clock.systemDefaultZone(), Localization.CHINESE, folder.toString());

        int exit = Commands.run(cli, args);

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(64, exit, stderr);
        assertEquals(said.strip(), stderr.lines().findFirst().orElse(""), stderr);
        assertFalse(stderr.contains("For input string") || stderr.contains("未知选项"), stderr);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            sync --data D --hub http://127.0.0.1:1 --colour red => 未知选项“--colour”
            report coverage --data D --year 2022 --yaer 2023 => 未知选项“--yaer”
            """)
    void anUnknownOptionIsNamedAndTheUsageFollows(String command, String said) {
        String[] args = command.strip().replace(" D", " " + folder).split("\\s+");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), err,
                Map.of(), null, Clock.systemDefaultZone(), Localization.CHINESE, folder.toString());

        assertEquals(64, Commands.run(cli, args));

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(said.strip(), stderr.lines().findFirst().orElse(""), stderr);
        assertEquals(Localization.text(Localization.CHINESE, "cli.usage").lines().findFirst().orElseThrow(),
                stderr.lines().skip(1).findFirst().orElse(""), stderr);
    }
}
