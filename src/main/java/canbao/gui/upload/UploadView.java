package canbao.gui.upload;

import canbao.gui.common.Decorations;
import canbao.gui.common.Tables;
import canbao.model.OutboxEntry;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.stage.FileChooser;

/** Thin view of 上传. Records the hub refused are highlighted; a double click opens the household. */
public class UploadView {

    private final UploadViewModel viewModel;

    @FXML private TextField hubUrlField;
    @FXML private PasswordField tokenField;
    @FXML private Label connectionLabel;
    @FXML private Label countyKeyLabel;
    @FXML private Label countyKeyCandidateLabel;
    @FXML private TextField countyKeyFingerprintField;
    @FXML private Button loadCountyKeyButton;
    @FXML private Button pinCountyKeyButton;
    @FXML private Label certificateLabel;
    @FXML private Button fetchCertificateButton;
    @FXML private Button confirmCertificateButton;
    @FXML private CheckBox allowPlainHttpBox;
    @FXML private Button uploadButton;
    @FXML private Button cancelButton;
    @FXML private Button checkButton;
    @FXML private Button saveConnectionButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label statusLabel;
    @FXML private Label backgroundLabel;
    @FXML private Label policyLabel;
    @FXML private Label countsLabel;
    @FXML private CheckBox showAllBox;
    @FXML private Button openHouseholdButton;
    @FXML private Button retryButton;
    @FXML private TableView<OutboxEntry> entriesTable;
    @FXML private TableColumn<OutboxEntry, String> statusColumn;
    @FXML private TableColumn<OutboxEntry, String> entityColumn;
    @FXML private TableColumn<OutboxEntry, String> householdColumn;
    @FXML private TableColumn<OutboxEntry, String> personColumn;
    @FXML private TableColumn<OutboxEntry, String> revisionColumn;
    @FXML private TableColumn<OutboxEntry, String> attemptsColumn;
    @FXML private TableColumn<OutboxEntry, String> reasonColumn;

    public UploadView(UploadViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        hubUrlField.textProperty().bindBidirectional(viewModel.hubUrlProperty());
        tokenField.textProperty().bindBidirectional(viewModel.tokenProperty());
        tokenField.promptTextProperty().bind(viewModel.tokenPromptProperty());
        connectionLabel.textProperty().bind(viewModel.connectionProperty());
        certificateLabel.textProperty().bind(viewModel.certificateProperty());
        allowPlainHttpBox.selectedProperty().bindBidirectional(viewModel.allowPlainHttpProperty());
        allowPlainHttpBox.disableProperty().bind(viewModel.configurableProperty().not());
        fetchCertificateButton.disableProperty().bind(viewModel.configurableProperty().not());
        confirmCertificateButton.disableProperty().bind(viewModel.confirmableProperty().not());
        progressBar.progressProperty().bind(viewModel.progressProperty());
        progressLabel.textProperty().bind(viewModel.progressTextProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        backgroundLabel.textProperty().bind(viewModel.backgroundProperty());
        policyLabel.textProperty().bind(viewModel.policyProperty());
        countsLabel.textProperty().bind(viewModel.countsProperty());
        showAllBox.selectedProperty().bindBidirectional(viewModel.showAllProperty());
        uploadButton.disableProperty().bind(viewModel.busyProperty());
        cancelButton.disableProperty().bind(viewModel.busyProperty().not());
        checkButton.disableProperty().bind(viewModel.busyProperty());
        hubUrlField.disableProperty().bind(viewModel.configurableProperty().not());
        tokenField.disableProperty().bind(viewModel.configurableProperty().not());
        saveConnectionButton.disableProperty().bind(viewModel.configurableProperty().not());
        countyKeyLabel.textProperty().bind(viewModel.countyKeyProperty());
        countyKeyCandidateLabel.textProperty().bind(viewModel.countyKeyCandidateProperty());
        countyKeyFingerprintField.textProperty().bindBidirectional(viewModel.countyKeyFingerprintProperty());
        loadCountyKeyButton.disableProperty().bind(viewModel.configurableProperty().not());
        countyKeyFingerprintField.disableProperty().bind(viewModel.countyKeyLoadedProperty().not());
        pinCountyKeyButton.disableProperty().bind(viewModel.countyKeyLoadedProperty().not());
        var errors = viewModel.errors();
        Decorations.bind(errors, "countyKeyFingerprint", countyKeyFingerprintField);
        Decorations.bind(errors, "hubUrl", hubUrlField);
        Decorations.bind(errors, "token", tokenField);

        entriesTable.setItems(viewModel.entries());
        Tables.text(statusColumn, viewModel::statusText);
        Tables.text(entityColumn, viewModel::entityText);
        Tables.text(householdColumn, OutboxEntry::householdNumber);
        Tables.text(personColumn, OutboxEntry::personName);
        Tables.text(revisionColumn, e -> String.valueOf(e.revision()));
        Tables.text(attemptsColumn, e -> String.valueOf(e.attempts()));
        Tables.text(reasonColumn, viewModel::reasonText);
        entriesTable.getSelectionModel().selectedItemProperty().addListener((o, old, entry) ->
                viewModel.selectedProperty().set(entry));
        viewModel.selectedProperty().addListener((o, old, entry) -> {
            if (entry != entriesTable.getSelectionModel().getSelectedItem()) {
                entriesTable.getSelectionModel().select(entry);
            }
        });
        openHouseholdButton.disableProperty().bind(viewModel.selectedProperty().isNull());
        retryButton.disableProperty().bind(viewModel.selectedProperty().isNull());
        entriesTable.setRowFactory(table -> {
            TableRow<OutboxEntry> row = Tables.markingRow(OutboxEntry::needsAttention, "refused");
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.openSelected();
                }
            });
            return row;
        });
        viewModel.load();
    }


    @FXML
    private void saveConnection() {
        viewModel.saveConnection();
    }

    /** The county's key file, chosen by the administrator (a FileChooser is the view's; reading it is not). */
    @FXML
    private void loadCountyKey() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(loadCountyKeyButton.getText());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("county-key.json", "*.json"));
        java.io.File file = chooser.showOpenDialog(loadCountyKeyButton.getScene().getWindow());
        if (file != null) {
            viewModel.loadCountyKey(file.toPath());
        }
    }

    @FXML
    private void pinCountyKey() {
        viewModel.pinCountyKey();
    }

    @FXML
    private void fetchCertificate() {
        viewModel.fetchCertificate();
    }

    @FXML
    private void confirmCertificate() {
        viewModel.confirmCertificate();
    }

    @FXML
    private void check() {
        viewModel.check();
    }

    @FXML
    private void cancel() {
        viewModel.cancel();
    }

    @FXML
    private void uploadNow() {
        viewModel.uploadNow();
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    @FXML
    private void retry() {
        viewModel.retrySelected();
    }

    @FXML
    private void openHousehold() {
        viewModel.openSelected();
    }
}
