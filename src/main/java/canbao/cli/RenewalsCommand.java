package canbao.cli;

import canbao.model.Localization;
import canbao.report.RenewalWorklist;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code report renewals --data DIR --year Y [--village V] [--json]}: the 续保 worklist, the same
 * computation as the 续保 screen (ID numbers masked).
 */
public final class RenewalsCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RenewalWorklist worklist;
    private final Locale locale;

    public RenewalsCommand(RenewalWorklist worklist, Locale locale) {
        this.worklist = worklist;
        this.locale = locale;
    }

    public int run(int year, String village, boolean json, PrintStream out) throws IOException {
        RenewalWorklist.Worklist list;
        try {
            list = worklist.compute(year, village);
        } catch (IllegalArgumentException noTable) {
            out.flush();
            System.err.println(noTable.getMessage());
            return 2;
        }
        if (json) {
            out.println(JSON.writeValueAsString(RenewalWorklist.json(list)));
            return 0;
        }
        out.println(Localization.format(locale, "renewal.cli.title", year, list.date()));
        for (RenewalWorklist.Village v : list.villages()) {
            out.println(Localization.format(locale, "renewal.cli.village", v.village(), v.counts().toRenew(),
                    v.counts().renewed(), v.counts().newlyEnrolled(), v.counts().marked()));
            for (RenewalWorklist.Household h : v.households()) {
                out.println(Localization.format(locale, "renewal.cli.household", h.number(),
                        h.group() == null ? "—" : h.group(), h.toRenewCount(), h.total()));
                for (RenewalWorklist.Member m : h.members()) {
                    String state = m.mark() != null ? Localization.text(locale, m.mark().kind().messageKey())
                            : m.quote() == null ? "—" : m.quote().eligible() ? m.quote().payable() + "元"
                            : m.quote().reason();
                    out.println("\t" + m.name() + "\t" + m.maskedIdentity() + "\t"
                            + Localization.text(locale, m.tier().messageKey()) + "\t" + state);
                }
            }
        }
        RenewalWorklist.Counts t = list.township();
        out.println(Localization.format(locale, "renewal.cli.village", "合计", t.toRenew(), t.renewed(),
                t.newlyEnrolled(), t.marked()));
        return 0;
    }
}
