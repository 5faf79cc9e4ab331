package canbao.report;

import canbao.model.Localization;
import canbao.model.Money;
import canbao.store.ShiftStore;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * 每半月通报 (coverage by village, ranked by rate, with the township's total) and the shift summary
 * (today's enrolments and amounts by operator, uploaded or not), each to XLSX or PDF by the file's
 * name. The figures are those of {@link CoverageReport} and {@link ShiftStore}; this only lays them out.
 */
public final class Bulletins {

    private final String township;
    private final Locale locale;

    public Bulletins(String township, Locale locale) {
        this.township = township;
        this.locale = locale;
    }

    static final List<String> BULLETIN_HEADERS = List.of("排名", "村(社区)", "应参保人数", "已参保人数", "参保率", "距95%还差",
            "低收入人口", "低收入已参保", "未参保人数");
    static final List<String> SHIFT_HEADERS = List.of("经办人", "参保人数", "收费金额（元）", "已上传", "未上传");

    /** The bulletin's lines: villages with a rate first, highest first; then those without a target; then 合计. */
    List<List<String>> bulletinRows(CoverageReport.Coverage coverage) {
        List<CoverageReport.Village> ranked = new ArrayList<>(coverage.villages());
        ranked.sort(Comparator.comparing((CoverageReport.Village v) -> v.rate() == null)
                .thenComparing(v -> v.rate() == null ? BigDecimal.ZERO : v.rate(), Comparator.reverseOrder())
                .thenComparing(CoverageReport.Village::village));
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (CoverageReport.Village v : ranked) {
            rows.add(bulletinRow(v.rate() == null ? "—" : String.valueOf(++rank), v));
        }
        rows.add(bulletinRow("", coverage.township()));
        return rows;
    }

    private static List<String> bulletinRow(String rank, CoverageReport.Village v) {
        return List.of(rank, v.village(), v.target() == null ? "—" : String.valueOf(v.target()),
                String.valueOf(v.enrolled()),
                v.rate() == null ? "—" : v.rate().movePointRight(2).setScale(2) + "%",
                v.gapToGoal() == null ? "—" : String.valueOf(v.gapToGoal()), String.valueOf(v.lowIncomeTotal()),
                String.valueOf(v.lowIncomeEnrolled()), String.valueOf(v.notEnrolled()));
    }

    List<List<String>> shiftRows(List<ShiftStore.OperatorDay> day) {
        List<List<String>> rows = new ArrayList<>();
        long count = 0;
        Money total = Money.ZERO;
        long uploaded = 0;
        for (ShiftStore.OperatorDay d : day) {
            rows.add(List.of(d.operator(), String.valueOf(d.enrollments()), d.collected().toString(),
                    String.valueOf(d.uploaded()), String.valueOf(d.enrollments() - d.uploaded())));
            count += d.enrollments();
            total = total.plus(d.collected());
            uploaded += d.uploaded();
        }
        rows.add(List.of("合计", String.valueOf(count), total.toString(), String.valueOf(uploaded),
                String.valueOf(count - uploaded)));
        return rows;
    }

    public void bulletin(CoverageReport.Coverage coverage, LocalDate asOf, Path file) throws IOException {
        String title = Localization.format(locale, "bulletin.title", township, coverage.policyYear());
        String subtitle = Localization.format(locale, "bulletin.asOf", asOf, half(asOf));
        write(file, title, subtitle, BULLETIN_HEADERS, bulletinRows(coverage),
                new float[] {0.6f, 1.6f, 1.1f, 1.1f, 1.0f, 1.0f, 1.0f, 1.1f, 1.1f});
    }

    public void shift(List<ShiftStore.OperatorDay> day, LocalDate date, Path file) throws IOException {
        String title = Localization.format(locale, "shift.title", township, date);
        write(file, title, Localization.text(locale, "shift.note"), SHIFT_HEADERS, shiftRows(day),
                new float[] {1.5f, 1f, 1.4f, 1f, 1f});
    }

    static final List<String> PROBLEM_HEADERS = List.of("序号", "位置", "问题");

    /**
     * The problems of a refused import (issue 20, defect 10): one line per problem, where it is (第N行 列)
     * and what is wrong, for the clerk to fix the file with the list beside it; XLSX, or PDF by the name.
     */
    public void importProblems(String importedFile, List<canbao.model.Problem> problems, Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            canbao.model.Problem problem = problems.get(i);
            rows.add(List.of(String.valueOf(i + 1), problem.field(), problem.message(locale)));
        }
        write(file, Localization.format(locale, "problems.title", importedFile),
                Localization.format(locale, "problems.note", problems.size()), PROBLEM_HEADERS, rows,
                new float[] {0.5f, 1.6f, 5f});
    }

    /** 上半月 (1st–15th) or 下半月. */
    private String half(LocalDate date) {
        return Localization.text(locale, date.getDayOfMonth() <= 15 ? "bulletin.firstHalf" : "bulletin.secondHalf");
    }

    private static void write(Path file, String title, String subtitle, List<String> headers, List<List<String>> rows,
                              float[] widths) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            try (PdfDocument pdf = new PdfDocument()) {
                pdf.title(title).line(subtitle).gap().table(headers, widths, rows);
                pdf.save(file);
            }
            return;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "canbao", "1.0");
            Worksheet sheet = workbook.newWorksheet("Sheet1");
            sheet.value(0, 0, title);
            sheet.style(0, 0).bold().fontSize(14).set();
            sheet.value(1, 0, subtitle);
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(3, c, headers.get(c));
                sheet.style(3, c).bold().set();
                sheet.width(c, 13);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String cell = rows.get(r).get(c);
                    // counts and amounts as numbers, so the county can add them up in Excel
                    if (cell.matches("-?\\d+(\\.\\d+)?") && !headers.get(c).equals("村(社区)")) {
                        sheet.value(4 + r, c, new BigDecimal(cell));
                    } else {
                        sheet.value(4 + r, c, cell);
                    }
                }
            }
            workbook.finish();
        }
    }
}
