package canbao.gui.report;

import canbao.gui.common.PolicyYearChoice;
import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.report.Bulletins;
import canbao.report.CoverageReport;
import canbao.report.RosterImport;
import canbao.report.Templates;
import canbao.store.CoverageStore;
import canbao.service.NewbornWorklist;
import canbao.store.ShiftStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 统计报表: rosters in (import with progress and a per-row problem list; empty templates out) and
 * 应保尽保 out — coverage by village for a policy year (the same {@link CoverageReport} as
 * {@code report coverage}), the low-income people not enrolled, everyone not enrolled by village and
 * group, and the newborns still to pay.
 */
public class ReportViewModel {

    private final RosterImport imports;
    private final CoverageReport report;
    private final NewbornWorklist newborns;
    private final TaskExecutor tasks;
    private final String operator;
    private final Locale locale;
    private final PolicyYearChoice year;
    private final Bulletins bulletins;
    private final ShiftStore shifts;
    private final java.time.Clock clock;

    private final ObjectProperty<RosterImport.Kind> kind = new SimpleObjectProperty<>(RosterImport.Kind.ROSTER);
    private final StringProperty file = new SimpleStringProperty("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper importStatus = new ReadOnlyStringWrapper("");
    private final ObservableList<String> importProblems = FXCollections.observableArrayList();
    /** The problems listed, as found, and the file they are of: what 导出问题 writes. */
    private List<canbao.model.Problem> problemsFound = List.of();
    private String problemsOf = "";
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<CoverageReport.Coverage> coverage = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CoverageReport.Village> villages = FXCollections.observableArrayList();
    private final BooleanProperty lowIncomeOnly = new SimpleBooleanProperty(true);
    private final ObservableList<CoverageStore.Missing> missing = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper newbornText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final canbao.report.SeasonDashboard seasonDashboard;
    private final ReadOnlyObjectWrapper<canbao.report.SeasonDashboard.Season> season = new ReadOnlyObjectWrapper<>();
    private final ObservableList<canbao.report.SeasonDashboard.Village> seasonVillages =
            FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper seasonSummary = new ReadOnlyStringWrapper("");

    public ReportViewModel(RosterImport imports, CoverageReport report, NewbornWorklist newborns, Bulletins bulletins,
                           ShiftStore shifts, canbao.report.SeasonDashboard season, PolicyLibrary policies,
                           TaskExecutor tasks, java.time.Clock clock, String operator, Locale locale) {
        this.seasonDashboard = season;
        this.bulletins = bulletins;
        this.shifts = shifts;
        this.clock = clock;
        this.imports = imports;
        this.report = report;
        this.newborns = newborns;
        this.tasks = tasks;
        this.operator = operator;
        this.locale = locale;
        this.year = new PolicyYearChoice(policies, clock, this::refresh);
        lowIncomeOnly.addListener((o, old, value) -> refreshWorklist());
    }

    /** Imports the chosen file: every line checked first, all of it or nothing. */
    public void importFile() {
        String path = file.get() == null ? "" : file.get().strip();
        if (path.isEmpty() || busy.get()) {
            importStatus.set(text("report.import.noFile"));
            return;
        }
        RosterImport.Kind chosen = kind.get();
        busy.set(true);
        progress.set(0);
        importProblems.clear();
        problemsFound = List.of();
        importStatus.set(Localization.format(locale, "report.import.running", kindName(chosen)));
        tasks.executeLong(() -> imports.run(chosen, Path.of(path), operator,
                (done, total) -> tasks.onUi(() -> progress.set(total == 0 ? 1 : (double) done / total))), done -> {
            busy.set(false);
            if (done.isValid()) {
                progress.set(1);
                importStatus.set(Localization.format(locale, "import.done", kindName(chosen),
                        done.outcome().created(), done.outcome().changed(), done.outcome().unchanged(), done.rows(),
                        done.encoding()));
                refresh();
            } else {
                progress.set(0);
                importStatus.set(Localization.format(locale, "import.refused", done.outcome().problems().size()));
                importProblems.setAll(done.outcome().problems().stream().map(p -> p.describe(locale)).toList());
                problemsFound = List.copyOf(done.outcome().problems());
                problemsOf = Path.of(path).getFileName().toString();
            }
        }, failure -> {
            busy.set(false);
            importStatus.set(Localization.format(locale, "report.import.failed", failure.getMessage()));
        });
    }

    /** 导出问题: the problems of the import refused last, to XLSX (or PDF by the name), to fix the file by. */
    public void exportProblems(Path target) {
        if (problemsFound.isEmpty()) {
            importStatus.set(text("report.problems.none"));
            return;
        }
        List<canbao.model.Problem> problems = problemsFound;
        String of = problemsOf;
        tasks.execute(() -> {
            bulletins.importProblems(of, problems, target);
            return target;
        }, written -> importStatus.set(Localization.format(locale, "report.problems.written", problems.size(),
                written)), failure -> importStatus.set(Localization.format(locale, "report.import.failed",
                failure.getMessage())));
    }

    /** Writes the empty template of the chosen kind (.xlsx, or .csv by the file's name). */
    public void exportTemplate(Path target) {
        RosterImport.Kind chosen = kind.get();
        tasks.execute(() -> {
            Templates.write(chosen, target);
            return target;
        }, written -> importStatus.set(Localization.format(locale, "report.template.written", kindName(chosen),
                written)), failure -> importStatus.set(Localization.format(locale, "report.import.failed",
                failure.getMessage())));
    }

    /** 每半月通报 of the chosen year, as of today, to XLSX or PDF (by the file's name). */
    public void exportBulletin(Path target) {
        Integer chosen = year.yearProperty().get();
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        exporting(() -> bulletins.bulletin(report.compute(chosen), today, target), target);
    }

    /** Today's shift summary (enrolments and amounts by operator, uploaded or not) to XLSX or PDF. */
    public void exportShift(Path target) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        exporting(() -> bulletins.shift(shifts.day(today, clock.getZone()), today, target), target);
    }

    private interface Export {
        void write() throws java.io.IOException;
    }

    private void exporting(Export export, Path target) {
        tasks.execute(() -> {
            export.write();
            return target;
        }, written -> importStatus.set(Localization.format(locale, "report.exported", written)),
                failure -> importStatus.set(Localization.format(locale, "report.import.failed", failure.getMessage())));
    }

    /** Computes the coverage and the worklists again for the chosen year. */
    public void refresh() {
        Integer chosen = year.yearProperty().get();
        if (chosen == null) {
            return;
        }
        tasks.execute(() -> report.compute(chosen), computed -> {
            coverage.set(computed);
            villages.setAll(computed.villages());
            CoverageReport.Village all = computed.township();
            summary.set(Localization.format(locale, "report.summary", chosen, all.enrolled(),
                    all.target() == null ? "—" : all.target(), percent(all), all.lowIncomeEnrolled(),
                    all.lowIncomeTotal()));
        }, failure -> summary.set(failure.getMessage()));
        refreshWorklist();
        tasks.execute(() -> seasonDashboard.compute(chosen), computed -> {
            season.set(computed);
            seasonVillages.setAll(computed.villages());
            seasonSummary.set(seasonSummary(computed));
        }, failure -> seasonSummary.set(failure.getMessage()));
        tasks.execute(newborns::pending, pending -> newbornText.set(Localization.format(locale,
                "report.newborns", pending.size(), pending.stream().filter(n -> n.daysLeft() <= NewbornWorklist.URGENT_DAYS)
                        .count())), failure -> newbornText.set(failure.getMessage()));
    }

    private void refreshWorklist() {
        Integer chosen = year.yearProperty().get();
        boolean low = lowIncomeOnly.get();
        tasks.execute(() -> low ? report.lowIncomeNotEnrolled(chosen) : report.notEnrolled(chosen), missing::setAll,
                failure -> summary.set(failure.getMessage()));
    }

    /** The dashboard's line for the township: the counts, the rate and how it stands against last season. */
    private String seasonSummary(canbao.report.SeasonDashboard.Season computed) {
        canbao.report.SeasonDashboard.Village all = computed.township();
        return Localization.format(locale, "season.summary", computed.policyYear(), computed.date(), all.renewed(),
                all.newlyEnrolled(), all.toPay(), all.marked(), canbao.report.SeasonText.percent(all.rate()),
                computed.lastSeasonDay(), all.lastSeasonToDate(), canbao.report.SeasonText.percent(all.lastSeasonRate()),
                canbao.report.SeasonText.signed(all.change()));
    }

    public String seasonText(String key, Object... arguments) {
        return Localization.format(locale, key, arguments);
    }

    public ReadOnlyObjectProperty<canbao.report.SeasonDashboard.Season> seasonProperty() {
        return season.getReadOnlyProperty();
    }

    public ObservableList<canbao.report.SeasonDashboard.Village> seasonVillages() {
        return seasonVillages;
    }

    public ReadOnlyStringProperty seasonSummaryProperty() {
        return seasonSummary.getReadOnlyProperty();
    }

    /** 参保率 as a clerk reads it: 93.12%, or — without a target. */
    public String percent(CoverageReport.Village village) {
        return village.rate() == null ? "—" : village.rate().movePointRight(2).setScale(2) + "%";
    }

    /** The low-income categories of a worklist line, by their Chinese names. */
    public String categoryNames(CoverageStore.Missing line) {
        if (line.lowIncomeCodes() == null) {
            return "";
        }
        return Arrays.stream(line.lowIncomeCodes().split("、")).map(year::categoryName)
                .map(name -> name.contains("（") ? name.substring(0, name.indexOf('（')) : name)
                .collect(Collectors.joining("、"));
    }

    public String kindName(RosterImport.Kind value) {
        return text("import.kind." + value.name().toLowerCase(Locale.ROOT));
    }

    private String text(String key) {
        return Localization.text(locale, key);
    }

    public List<RosterImport.Kind> kinds() {
        return List.of(RosterImport.Kind.values());
    }

    public PolicyYearChoice year() {
        return year;
    }

    public ObjectProperty<RosterImport.Kind> kindProperty() {
        return kind;
    }

    public StringProperty fileProperty() {
        return file;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty importStatusProperty() {
        return importStatus.getReadOnlyProperty();
    }

    public ObservableList<String> importProblems() {
        return importProblems;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CoverageReport.Coverage> coverageProperty() {
        return coverage.getReadOnlyProperty();
    }

    public ObservableList<CoverageReport.Village> villages() {
        return villages;
    }

    public BooleanProperty lowIncomeOnlyProperty() {
        return lowIncomeOnly;
    }

    public ObservableList<CoverageStore.Missing> missing() {
        return missing;
    }

    public ReadOnlyStringProperty newbornTextProperty() {
        return newbornText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
