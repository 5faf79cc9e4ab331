package canbao.cli;

import canbao.report.CoverageReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code report coverage --data DIR --year Y [--json]}: the coverage by village, as JSON or as a
 * plain table (the same computation as the report screen).
 */
public final class ReportCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoverageReport report;

    public ReportCommand(CoverageReport report) {
        this.report = report;
    }

    /**
     * {@code report coverage --data DIR --year Y [--json]}; {@code report bulletin --data DIR --year Y
     * --out FILE.xlsx|.pdf [--date D]}; {@code report shift --data DIR --out FILE [--date D]};
     * {@code report renewals --data DIR --year Y [--village V] [--json]} (the 续保 worklist);
     * {@code report reminders --data DIR --year Y [--village V] --out F.pdf|.xlsx} (催缴通知单);
     * {@code report season --data DIR --year Y [--date D] [--json]} (征缴进度, issue 15).
     */
    static int main(CommandLine cli, String[] args) throws Exception {
        String which = args.length >= 2 ? args[1] : "";
        boolean json = java.util.Arrays.asList(args).contains("--json");
        String[] words = java.util.Arrays.stream(args).filter(a -> !a.equals("--json")).toArray(String[]::new);
        return switch (which) {
            case "coverage" -> {
                Options options = Options.parse(words, 2, java.util.Set.of("data", "user", "year"));
                int year = options.year("year");
                yield cli.counter(options, true, null, services -> new ReportCommand(services.coverageReport())
                        .run(year, json, cli.stdout()));
            }
            case "bulletin", "shift" -> bulletin(cli, args, which.equals("shift"));
            case "renewals" -> {
                Options options = Options.parse(words, 2, java.util.Set.of("data", "user", "year", "village"));
                int year = options.year("year");
                yield cli.counter(options, true, null, services -> new RenewalsCommand(services.renewalWorklist(),
                        cli.locale()).run(year, options.get("village"), json, cli.stdout()));
            }
            case "reminders" -> reminders(cli, args);
            case "season" -> {
                Options options = Options.parse(words, 2, java.util.Set.of("data", "user", "year", "date"));
                int year = options.year("year");
                // --date: the dashboard as of noon that day in the counter's zone; else as of now
                java.time.ZoneId zone = cli.clock().getZone();
                java.time.LocalDate asOf = options.date("date", null);
                java.time.Clock clock = asOf == null ? cli.clock()
                        : java.time.Clock.fixed(asOf.atTime(12, 0).atZone(zone).toInstant(), zone);
                yield cli.counter(options, true, null, services -> new SeasonCommand(services.seasonDashboard(clock),
                        cli.locale()).run(year, json, cli.stdout()));
            }
            default -> throw Options.usage("report coverage|bulletin|shift|renewals|reminders|season --data DIR …");
        };
    }

    private static int bulletin(CommandLine cli, String[] args, boolean shift) throws Exception {
        Options options = Options.parse(args, 2, java.util.Set.of("data", "user", "year", "out", "date"));
        java.nio.file.Path out = java.nio.file.Path.of(options.required("out", "FILE"));
        Integer year = shift ? null : options.year("year");
        java.time.LocalDate date = options.date("date", java.time.LocalDate.now(cli.clock()));
        if (shift) {
            return cli.signedIn(cli.signInForReports(options), session -> {
                canbao.store.Workplace workplace = new canbao.store.WorkplaceSettings(session.database()).load()
                        .orElseThrow();
                new canbao.report.Bulletins(workplace.township(), cli.locale()).shift(
                        new canbao.store.ShiftStore(session.database()).day(date, cli.clock().getZone()), date, out);
                return 0;
            });
        }
        return cli.counter(options, true, null, services -> {
            new canbao.report.Bulletins(services.workplace().township(), cli.locale())
                    .bulletin(services.coverageReport().compute(year), date, out);
            return 0;
        });
    }

    private static int reminders(CommandLine cli, String[] args) throws Exception {
        Options options = Options.parse(args, 2, java.util.Set.of("data", "user", "year", "village", "out"));
        int year = options.year("year");
        java.nio.file.Path out = java.nio.file.Path.of(options.required("out", "F.pdf|.xlsx"));
        return cli.counter(options, true, null, services -> {
            canbao.report.RenewalWorklist worklist = services.renewalWorklist();
            if (services.policies().table(year).isEmpty()) {
                cli.err().println(cli.format("policyYear.noTable", year, services.policies().yearsText()));
                return 2;
            }
            new canbao.report.Reminders(services.policies(), services.workplace().township(), cli.locale())
                    .write(worklist.compute(year, options.get("village")), out);
            return 0;
        });
    }

    public int run(int year, boolean json, PrintStream out) throws IOException {
        CoverageReport.Coverage coverage = report.compute(year);
        if (json) {
            out.println(JSON.writeValueAsString(coverage.json()));
            return 0;
        }
        out.printf("%d年度 参保情况%n", year);
        out.println("村(社区)\t应参保\t已参保\t参保率\t距95%\t低收入\t低收入已参保\t未参保");
        for (CoverageReport.Village v : coverage.villages()) {
            print(out, v);
        }
        print(out, coverage.township());
        return 0;
    }

    private static void print(PrintStream out, CoverageReport.Village v) {
        out.printf("%s\t%s\t%d\t%s\t%s\t%d\t%d\t%d%n", v.village(), v.target() == null ? "—" : v.target(),
                v.enrolled(), v.rate() == null ? "—" : v.rate().movePointRight(2).setScale(2) + "%",
                v.gapToGoal() == null ? "—" : v.gapToGoal(), v.lowIncomeTotal(), v.lowIncomeEnrolled(),
                v.notEnrolled());
    }
}
