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
