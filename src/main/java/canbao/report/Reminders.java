package canbao.report;

import canbao.model.Localization;
import canbao.model.Money;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * 催缴通知单: for the households of a worklist still to pay, half-page slips (two to an A4 page) with
 * the members still to renew, what each pays for the year at the worklist's date, how to pay, the
 * deadline and what paying late costs — all read from the year's table — with ID numbers masked (the
 * slip goes to the family); or the same members as one XLSX list for the village cadre. Marked
 * persons are not chased.
 */
public final class Reminders {

    private final PolicyLibrary policies;
    private final String township;
    private final Locale locale;

    public Reminders(PolicyLibrary policies, String township, Locale locale) {
        this.policies = policies;
        this.township = township;
        this.locale = locale;
    }

    /** Writes a PDF ({@code .pdf}) or an XLSX list (any other name). */
    public void write(RenewalWorklist.Worklist worklist, Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            pdf(worklist, file);
        } else {
            xlsx(worklist, file);
        }
    }

    /** The households a reminder goes to: someone still to renew. */
    private static List<RenewalWorklist.Household> chased(RenewalWorklist.Worklist worklist) {
        return worklist.households().stream().filter(h -> h.toRenewCount() > 0).toList();
    }

    public void pdf(RenewalWorklist.Worklist worklist, Path file) throws IOException {
        PolicyTable table = policies.table(worklist.policyYear()).orElseThrow();
        List<String> late = lateCost(table);
        try (PdfDocument pdf = new PdfDocument()) {
            boolean first = true;
            for (RenewalWorklist.Household household : chased(worklist)) {
                if (!first) {
                    pdf.nextHalfPage();
                }
                first = false;
                List<List<String>> rows = new ArrayList<>();
                for (RenewalWorklist.Member member : household.members()) {
                    if (!member.toRenew()) {
                        continue;
                    }
                    boolean eligible = member.quote() != null && member.quote().eligible();
                    rows.add(List.of(member.name(), member.maskedIdentity(), text(member.tier().messageKey()),
                            eligible ? member.quote().payable() + "元" : "—",
                            eligible ? String.valueOf(member.quote().benefitStart()) : member.quote().reason()));
                }
                pdf.title(Localization.format(locale, "reminder.slip.title", township, worklist.policyYear()))
                        .line(Localization.format(locale, "reminder.slip.household", household.village(),
                                household.group() == null ? "" : household.group(), household.number()))
                        .table(List.of(text("reminder.column.name"), text("reminder.column.identity"),
                                        text("reminder.column.tier"), text("reminder.column.payable"),
                                        text("reminder.column.start")),
                                new float[] {1.0f, 2.4f, 0.8f, 1.0f, 2.2f}, rows)
                        .line(Localization.format(locale, "reminder.slip.total", household.total()))
                        .line(Localization.format(locale, "reminder.slip.howToPay", township))
                        .line(Localization.format(locale, "reminder.slip.deadline", deadline(table),
                                String.valueOf(worklist.policyYear())));
                for (String line : late) {
                    pdf.line(line);
                }
                pdf.line(Localization.format(locale, "reminder.slip.footer", township, worklist.date()));
            }
            pdf.save(file);
        }
    }

    public void xlsx(RenewalWorklist.Worklist worklist, Path file) throws IOException {
        List<String> headers = List.of(text("reminder.column.village"), text("reminder.column.group"),
                text("reminder.column.household"), text("reminder.column.name"), text("reminder.column.identity"),
                text("reminder.column.tier"), text("reminder.column.payable"), text("reminder.column.start"));
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "canbao", "1.0");
            Worksheet sheet = workbook.newWorksheet("Sheet1");
            sheet.value(0, 0, Localization.format(locale, "reminder.list.title", township, worklist.policyYear(),
                    worklist.date()));
            sheet.style(0, 0).bold().fontSize(14).set();
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(2, c, headers.get(c));
                sheet.style(2, c).bold().set();
                sheet.width(c, c == 4 ? 22 : 12);
            }
            int row = 3;
            for (RenewalWorklist.Household household : chased(worklist)) {
                for (RenewalWorklist.Member member : household.members()) {
                    if (!member.toRenew()) {
                        continue;
                    }
                    boolean eligible = member.quote() != null && member.quote().eligible();
                    sheet.value(row, 0, household.village());
                    sheet.value(row, 1, household.group() == null ? "" : household.group());
                    sheet.value(row, 2, household.number());
                    sheet.value(row, 3, member.name());
                    sheet.value(row, 4, member.maskedIdentity());
                    sheet.value(row, 5, text(member.tier().messageKey()));
                    if (eligible) {
                        // an amount as a number (exact: yuan with the fen), so the cadre can add it up
                        sheet.value(row, 6, new BigDecimal(member.quote().payable().yuan().toPlainString()));
                        sheet.value(row, 7, String.valueOf(member.quote().benefitStart()));
                    } else {
                        sheet.value(row, 6, "—");
                        sheet.value(row, 7, member.quote() == null ? "" : member.quote().reason());
                    }
                    row++;
                }
            }
            workbook.finish();
        }
    }

    /** The last day of the enrolment period (集中参保期): paid by then, covered from Jan 1. */
    private static java.time.LocalDate deadline(PolicyTable table) {
        PolicyTable.PaymentWindow period = table.enrolmentPeriod();
        return period.end() == null ? table.lastDay() : period.end();
    }

    /** What paying after the enrolment period costs, in the table's own terms. */
    private List<String> lateCost(PolicyTable table) {
        List<String> lines = new ArrayList<>();
        for (PolicyTable.PaymentWindow window : table.windows().subList(1, table.windows().size())) {
            switch (window.benefitStart()) {
                case NEXT_MONTH -> lines.add(Localization.format(locale, "reminder.late.nextMonth", window.start(),
                        window.end() == null ? table.lastDay() : window.end()));
                case AFTER_DAYS -> lines.add(Localization.format(locale, "reminder.late.days", window.start(),
                        window.days()));
                case WAITING_RULE -> lines.add(table.waitingRule() == null ? "" : Localization.format(locale,
                        "reminder.late.waitingRule", window.start(), table.waitingRule().fixedMonths(),
                        table.waitingRule().monthsPerBrokenYear()));
                case YEAR_START -> { }
                default -> { }
            }
        }
        if (table.surcharge() != null) {
            Money amount = table.surcharge().amount();
            lines.add(Localization.format(locale, "reminder.late.surcharge", table.surcharge().from(), amount));
        }
        if (table.ordinaryDeadline() != null) {
            lines.add(Localization.format(locale, "reminder.late.closes", table.ordinaryDeadline().date()));
        }
        lines.removeIf(String::isEmpty);
        return lines;
    }

    private String text(String key) {
        return Localization.text(locale, key);
    }
}
