package canbao.gui.report;

import canbao.gui.common.Tables;
import canbao.report.CoverageReport;
import canbao.report.RosterImport;
import canbao.report.SeasonDashboard;
import canbao.report.SeasonText;
import canbao.store.CoverageStore;
import canbao.gui.common.DialogService;
import canbao.model.Localization;
import java.nio.file.Path;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

/** Thin view of 统计报表: the file choosers, the tables and the bar chart of coverage by village. */
public class ReportView {

    private final ReportViewModel viewModel;

    @FXML private ComboBox<RosterImport.Kind> kindBox;
    @FXML private TextField fileField;
    @FXML private Button importButton;
    @FXML private ProgressBar importProgress;
    @FXML private Label importStatusLabel;
    @FXML private ListView<String> problemList;
    @FXML private ComboBox<Integer> yearBox;
    @FXML private Label summaryLabel;
    @FXML private Label newbornLabel;
    @FXML private TableView<CoverageReport.Village> villageTable;
    @FXML private TableColumn<CoverageReport.Village, String> villageColumn;
    @FXML private TableColumn<CoverageReport.Village, String> targetColumn;
    @FXML private TableColumn<CoverageReport.Village, String> enrolledColumn;
    @FXML private TableColumn<CoverageReport.Village, String> rateColumn;
    @FXML private TableColumn<CoverageReport.Village, String> gapColumn;
    @FXML private TableColumn<CoverageReport.Village, String> lowIncomeColumn;
    @FXML private TableColumn<CoverageReport.Village, String> notEnrolledColumn;
    @FXML private BarChart<String, Number> rateChart;
    @FXML private Label seasonSummaryLabel;
    @FXML private TableView<SeasonDashboard.Village> seasonTable;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonVillageColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonRenewedColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonNewColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonToPayColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonMarkedColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonTargetColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonRateColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonLastColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonLastRateColumn;
    @FXML private TableColumn<SeasonDashboard.Village, String> seasonChangeColumn;
    @FXML private LineChart<String, Number> seasonChart;
    @FXML private CheckBox lowIncomeOnlyBox;
    @FXML private TableView<CoverageStore.Missing> missingTable;
    @FXML private TableColumn<CoverageStore.Missing, String> missingVillageColumn;
    @FXML private TableColumn<CoverageStore.Missing, String> missingGroupColumn;
    @FXML private TableColumn<CoverageStore.Missing, String> missingHouseholdColumn;
    @FXML private TableColumn<CoverageStore.Missing, String> missingNameColumn;
    @FXML private TableColumn<CoverageStore.Missing, String> missingIdColumn;
    @FXML private TableColumn<CoverageStore.Missing, String> missingRelationColumn;
    @FXML private TableColumn<CoverageStore.Missing, String> missingPhoneColumn;
    @FXML private TableColumn<CoverageStore.Missing, String> missingCategoryColumn;

    public ReportView(ReportViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        kindBox.getItems().setAll(viewModel.kinds());
        kindBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(RosterImport.Kind kind) {
                return kind == null ? "" : viewModel.kindName(kind);
            }

            @Override
            public RosterImport.Kind fromString(String text) {
                return null;
            }
        });
        kindBox.valueProperty().bindBidirectional(viewModel.kindProperty());
        fileField.textProperty().bindBidirectional(viewModel.fileProperty());
        importButton.disableProperty().bind(viewModel.busyProperty());
        importProgress.progressProperty().bind(viewModel.progressProperty());
        importStatusLabel.textProperty().bind(viewModel.importStatusProperty());
        problemList.setItems(viewModel.importProblems());
        yearBox.setItems(viewModel.year().years());
        yearBox.valueProperty().bindBidirectional(viewModel.year().yearProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        newbornLabel.textProperty().bind(viewModel.newbornTextProperty());

        villageTable.setItems(viewModel.villages());
        Tables.text(villageColumn, CoverageReport.Village::village);
        Tables.text(targetColumn, v -> v.target() == null ? "—" : String.valueOf(v.target()));
        Tables.text(enrolledColumn, v -> String.valueOf(v.enrolled()));
        Tables.text(rateColumn, viewModel::percent);
        Tables.text(gapColumn, v -> v.gapToGoal() == null ? "—" : String.valueOf(v.gapToGoal()));
        Tables.text(lowIncomeColumn, v -> v.lowIncomeEnrolled() + " / " + v.lowIncomeTotal());
        Tables.text(notEnrolledColumn, v -> String.valueOf(v.notEnrolled()));
        viewModel.coverageProperty().addListener((o, old, coverage) -> chart(coverage));

        lowIncomeOnlyBox.selectedProperty().bindBidirectional(viewModel.lowIncomeOnlyProperty());
        missingTable.setItems(viewModel.missing());
        Tables.text(missingVillageColumn, CoverageStore.Missing::village);
        Tables.text(missingGroupColumn, CoverageStore.Missing::group);
        Tables.text(missingHouseholdColumn, CoverageStore.Missing::householdNumber);
        Tables.text(missingNameColumn, CoverageStore.Missing::name);
        Tables.text(missingIdColumn, CoverageStore.Missing::maskedIdNumber);
        Tables.text(missingRelationColumn, CoverageStore.Missing::relation);
        Tables.text(missingPhoneColumn, CoverageStore.Missing::phone);
        Tables.text(missingCategoryColumn, viewModel::categoryNames);

        seasonSummaryLabel.textProperty().bind(viewModel.seasonSummaryProperty());
        seasonTable.setItems(viewModel.seasonVillages());
        Tables.text(seasonVillageColumn, SeasonDashboard.Village::village);
        Tables.text(seasonRenewedColumn, v -> String.valueOf(v.renewed()));
        Tables.text(seasonNewColumn, v -> String.valueOf(v.newlyEnrolled()));
        Tables.text(seasonToPayColumn, v -> String.valueOf(v.toPay()));
        Tables.text(seasonMarkedColumn, v -> String.valueOf(v.marked()));
        Tables.text(seasonTargetColumn, v -> v.target() == null ? "—" : String.valueOf(v.target()));
        Tables.text(seasonRateColumn, v -> SeasonText.percent(v.rate()));
        Tables.text(seasonLastColumn, v -> String.valueOf(v.lastSeasonToDate()));
        Tables.text(seasonLastRateColumn, v -> SeasonText.percent(v.lastSeasonRate()));
        Tables.text(seasonChangeColumn, v -> SeasonText.signed(v.change()));
        viewModel.seasonProperty().addListener((o, old, season) -> seasonChart(season));
        viewModel.refresh();
    }

    /** One bar per village with a target: its rate in percent. */
    private void chart(CoverageReport.Coverage coverage) {
        XYChart.Series<String, Number> rates = new XYChart.Series<>();
        if (coverage != null) {
            for (CoverageReport.Village village : coverage.villages()) {
                if (village.rate() != null) {
                    rates.getData().add(new XYChart.Data<>(village.village(),
                            village.rate().movePointRight(2).doubleValue()));
                }
            }
        }
        rateChart.getData().setAll(java.util.List.of(rates));
    }


    /** Enrolments saved per day of this season, and last season's on the same days (moved on a year). */
    private void seasonChart(SeasonDashboard.Season season) {
        XYChart.Series<String, Number> now = new XYChart.Series<>();
        XYChart.Series<String, Number> before = new XYChart.Series<>();
        if (season != null) {
            now.setName(viewModel.seasonText("season.chart.thisSeason", String.valueOf(season.policyYear())));
            before.setName(viewModel.seasonText("season.chart.lastSeason", String.valueOf(season.policyYear() - 1)));
            for (SeasonDashboard.Day day : season.days()) {
                String label = DAY.format(day.day());
                now.getData().add(new XYChart.Data<>(label, day.enrolments()));
                before.getData().add(new XYChart.Data<>(label, day.lastSeasonEnrolments()));
            }
        }
        seasonChart.getData().setAll(java.util.List.of(now, before));
    }

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("MM-dd");

    /** The program's own file dialog over this window (README Decisions, "File dialogs"). */
    private canbao.gui.common.DialogService dialogs() {
        return new canbao.gui.common.FxDialogService(() -> fileField.getScene().getWindow());
    }

    private static DialogService.FileType type(String key, String... extensions) {
        return DialogService.FileType.of(Localization.text(Localization.CHINESE, key), extensions);
    }

    @FXML
    private void browse() {
        dialogs().chooseFileToOpen(Localization.text(Localization.CHINESE, "report.import.browse"),
                        List.of(type("dialog.file.roster", "xlsx", "csv")))
                .ifPresent(chosen -> viewModel.fileProperty().set(chosen.toAbsolutePath().toString()));
    }

    @FXML
    private void exportProblems() {
        dialogs().chooseFileToSave(Localization.text(Localization.CHINESE, "report.problems.export"), "导入问题.xlsx",
                List.of(type("dialog.file.xlsx", "xlsx"))).ifPresent(viewModel::exportProblems);
    }

    @FXML
    private void importFile() {
        viewModel.importFile();
    }

    @FXML
    private void exportTemplate() {
        dialogs().chooseFileToSave(Localization.text(Localization.CHINESE, "report.template"),
                        viewModel.kindName(viewModel.kindProperty().get()) + ".xlsx",
                        List.of(type("dialog.file.xlsx", "xlsx"), type("dialog.file.csv", "csv")))
                .ifPresent(viewModel::exportTemplate);
    }

    @FXML
    private void exportBulletin() {
        saveAs("report.bulletin", "每半月通报").ifPresent(viewModel::exportBulletin);
    }

    @FXML
    private void exportShift() {
        saveAs("report.shift", "班次汇总").ifPresent(viewModel::exportShift);
    }

    private java.util.Optional<Path> saveAs(String titleKey, String name) {
        return dialogs().chooseFileToSave(Localization.text(Localization.CHINESE, titleKey), name + ".xlsx",
                List.of(type("dialog.file.xlsx", "xlsx"), type("dialog.file.pdf", "pdf")));
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }
}
