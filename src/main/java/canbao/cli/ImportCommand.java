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

    /**
     * {@code import --data DIR --kind roster|ledger|targets FILE} imports a file (all or nothing);
     * {@code import --kind K --template FILE} writes the empty template (.xlsx or .csv).
     */
    static int main(CommandLine cli, String[] args) throws Exception {
        if (args.length < 4) {
            throw Options.usage(USAGE);
        }
        Path file = Path.of(args[args.length - 1]);
        String[] words = java.util.Arrays.copyOfRange(args, 0, args.length - 1);
        boolean template = java.util.Arrays.asList(words).contains("--template");
        Options options = Options.parse(template ? java.util.Arrays.stream(words).filter(a -> !a.equals("--template"))
                .toArray(String[]::new) : words, 1, java.util.Set.of("data", "user", "kind"));
        RosterImport.Kind kind = RosterImport.Kind.of(options.required("kind", "roster|ledger|targets"))
                .orElseThrow(() -> new UsageException(cli.format("cli.option.choice", "kind", "roster|ledger|targets",
                        options.get("kind")), false));
        if (template) {
            canbao.report.Templates.write(kind, file);
            return 0;
        }
        return cli.counter(options, true, null, services -> new ImportCommand(services.rosterImport(),
                services.operator().login(), cli.locale()).run(kind, file, cli.stdout()));
    }

    static final String USAGE = "import --data DIR --kind roster|ledger|targets FILE";

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
