package canbao.gui.policy;

import canbao.gui.common.Decorations;
import canbao.gui.common.Tables;
import canbao.policy.TablePreview;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** Thin view of 政策参数: binds the fields and tables, forwards each action to the view-model. */
public class PolicyEditorView {

    private final PolicyEditorViewModel viewModel;

    @FXML private TextField sourceField;
    @FXML private Button nextYearButton;
    @FXML private Label tableTitleLabel;
    @FXML private TableView<PolicyEditorViewModel.FigureRow> figureTable;
    @FXML private TableColumn<PolicyEditorViewModel.FigureRow, String> figureColumn;
    @FXML private TableColumn<PolicyEditorViewModel.FigureRow, String> valueColumn;
    @FXML private TableColumn<PolicyEditorViewModel.FigureRow, String> standingColumn;
    @FXML private TableColumn<PolicyEditorViewModel.FigureRow, String> citeColumn;
    @FXML private TableColumn<PolicyEditorViewModel.FigureRow, String> problemColumn;
    @FXML private Label selectedLabel;
    @FXML private TextField valueField;
    @FXML private TextField citeField;
    @FXML private Button applyButton;
    @FXML private Button confirmButton;
    @FXML private TextField versionField;
    @FXML private Button versionButton;
    @FXML private Label previewTitleLabel;
    @FXML private TableView<TablePreview.Row> previewTable;
    @FXML private TableColumn<TablePreview.Row, String> personColumn;
    @FXML private TableColumn<TablePreview.Row, String> tierColumn;
    @FXML private TableColumn<TablePreview.Row, String> beforeColumn;
    @FXML private TableColumn<TablePreview.Row, String> afterColumn;
    @FXML private TableColumn<TablePreview.Row, String> differenceColumn;
    @FXML private TableColumn<TablePreview.Row, String> changeColumn;
    @FXML private TextField keyFolderField;
    @FXML private TextField outputField;
    @FXML private Button signButton;
    @FXML private Label policyMessageLabel;

    public PolicyEditorView(PolicyEditorViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        sourceField.textProperty().bindBidirectional(viewModel.sourceProperty());
        tableTitleLabel.textProperty().bind(viewModel.titleProperty());
        figureTable.setItems(viewModel.figures());
        Tables.text(figureColumn, row -> row.figure().label());
        Tables.text(valueColumn, row -> row.figure().value() == null ? "—" : row.figure().value());
        Tables.text(standingColumn, PolicyEditorViewModel.FigureRow::standing);
        Tables.text(citeColumn, row -> row.figure().cite() == null ? "" : row.figure().cite());
        Tables.text(problemColumn, row -> row.problem() == null ? "" : row.problem());
        figureTable.setRowFactory(table -> Tables.markingRow(row -> row.problem() != null, "problem"));
        figureTable.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (row != null && row != viewModel.selectedProperty().get()) {
                viewModel.selectedProperty().set(row);
            }
        });
        viewModel.selectedProperty().addListener((o, old, row) -> {
            if (row != null && figureTable.getSelectionModel().getSelectedItem() != row) {
                figureTable.getSelectionModel().select(row);
            }
        });
        selectedLabel.textProperty().bind(viewModel.selectedLabelProperty());
        valueField.textProperty().bindBidirectional(viewModel.valueProperty());
        citeField.textProperty().bindBidirectional(viewModel.citeProperty());
        versionField.textProperty().bindBidirectional(viewModel.versionProperty());
        for (var control : new javafx.scene.Node[] {nextYearButton, valueField, citeField, applyButton, confirmButton,
                versionField, versionButton, keyFolderField, outputField, signButton}) {
            control.disableProperty().bind(viewModel.hasTableProperty().not());
        }
        previewTitleLabel.textProperty().bind(viewModel.previewTitleProperty());
        previewTable.setItems(viewModel.preview());
        Tables.text(personColumn, TablePreview.Row::person);
        Tables.text(tierColumn, viewModel::tierText);
        Tables.text(beforeColumn, row -> viewModel.quoteText(row.before()));
        Tables.text(afterColumn, row -> viewModel.quoteText(row.after()));
        Tables.text(differenceColumn, viewModel::difference);
        Tables.text(changeColumn, viewModel::changeText);
        previewTable.setRowFactory(table -> Tables.markingRow(TablePreview.Row::changed, "changed"));
        keyFolderField.textProperty().bindBidirectional(viewModel.keyFolderProperty());
        outputField.textProperty().bindBidirectional(viewModel.outputFileProperty());
        policyMessageLabel.textProperty().bind(viewModel.messageProperty());
        Decorations.bind(viewModel.errors(), PolicyEditorViewModel.SOURCE_FIELD, sourceField);
        Decorations.bind(viewModel.errors(), PolicyEditorViewModel.VALUE_FIELD, valueField);
        Decorations.bind(viewModel.errors(), PolicyEditorViewModel.VERSION_FIELD, versionField);
        Decorations.bind(viewModel.errors(), PolicyEditorViewModel.KEY_FOLDER_FIELD, keyFolderField);
        Decorations.bind(viewModel.errors(), PolicyEditorViewModel.OUTPUT_FIELD, outputField);
    }

    @FXML
    private void open() {
        viewModel.open();
    }

    @FXML
    private void chooseSource() {
        viewModel.chooseSource();
    }

    @FXML
    private void makeNextYear() {
        viewModel.makeNextYear();
        figureTable.requestFocus();
    }

    @FXML
    private void apply() {
        viewModel.apply();
    }

    @FXML
    private void confirmSelected() {
        viewModel.confirmSelected();
    }

    @FXML
    private void applyVersion() {
        viewModel.applyVersion();
    }

    @FXML
    private void chooseKeyFolder() {
        viewModel.chooseKeyFolder();
    }

    @FXML
    private void chooseOutputFile() {
        viewModel.chooseOutputFile();
    }

    @FXML
    private void saveAndSign() {
        viewModel.saveAndSign();
    }
}
