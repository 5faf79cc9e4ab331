package canbao.cli;

import canbao.model.Localization;
import canbao.report.SeasonDashboard;
import canbao.report.SeasonText;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code report season --data DIR --year Y [--date YYYY-MM-DD] [--json]}: the season dashboard
 * (征缴进度), the same computation as the one on 统计报表.
 */
public final class SeasonCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SeasonDashboard dashboard;
    private final Locale locale;

    public SeasonCommand(SeasonDashboard dashboard, Locale locale) {
        this.dashboard = dashboard;
        this.locale = locale;
    }

    public int run(int year, boolean json, PrintStream out) throws IOException {
        SeasonDashboard.Season season = dashboard.compute(year);
        if (json) {
            out.println(JSON.writeValueAsString(season.json()));
            return 0;
        }
        out.println(Localization.format(locale, "season.cli.title", year, season.date(), season.lastSeasonDay()));
        for (SeasonDashboard.Village v : season.villages()) {
            out.println(line(v));
        }
        out.println(line(season.township()));
        return 0;
    }

    private String line(SeasonDashboard.Village v) {
        return Localization.format(locale, "season.cli.village", v.village(), v.renewed(), v.newlyEnrolled(),
                v.toPay(), v.marked(), v.target() == null ? "—" : v.target(), SeasonText.percent(v.rate()),
                v.lastSeasonToDate(), SeasonText.percent(v.lastSeasonRate()), SeasonText.signed(v.change()));
    }
}
