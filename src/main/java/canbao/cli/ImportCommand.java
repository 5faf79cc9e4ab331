package canbao.cli;

import canbao.report.RosterImport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code import --data DIR --kind roster|ledger|targets FILE}: prints what was imported as JSON, or
 * every problem of the file (line, column, message in Chinese) with exit 2 and nothing imported.
 */
public final class ImportCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RosterImport imports;
    private final String operator;
    private final Locale locale;

    public ImportCommand(RosterImport imports, String operator, Locale locale) {
        this.imports = imports;
        this.operator = operator;
        this.locale = locale;
    }

    public int run(RosterImport.Kind kind, Path file, PrintStream out) throws IOException {
        RosterImport.Report report = imports.run(kind, file, operator, (done, total) -> { });
        Map<String, Object> printed = new LinkedHashMap<>();
        printed.put("kind", kind.name().toLowerCase(Locale.ROOT));
        printed.put("encoding", report.encoding());
        printed.put("rows", report.rows());
        printed.put("imported", report.isValid());
        printed.put("created", report.outcome().created());
        printed.put("changed", report.outcome().changed());
        printed.put("unchanged", report.outcome().unchanged());
        List<Map<String, String>> problems = report.outcome().problems().stream()
                .map(problem -> Map.of("where", problem.field(), "message", problem.message(locale))).toList();
        printed.put("problems", problems);
        out.println(JSON.writeValueAsString(printed));
        return report.isValid() ? 0 : 2;
    }

    /** The problems as a clerk reads them, one per line. */
}
