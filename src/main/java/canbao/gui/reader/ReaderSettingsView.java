package canbao.gui.reader;

import canbao.device.ReaderChoice.Kind;
import canbao.gui.common.Decorations;
import canbao.gui.common.EnterKey;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/** Thin view of 读卡器: binds the form to its view-model; Enter in the form tests the reader. */
public class ReaderSettingsView {

    private final ReaderSettingsViewModel viewModel;

    @FXML private ComboBox<Kind> kindChoice;
    @FXML private TextField portField;
    @FXML private TextField libraryField;
    @FXML private TextField fileField;
    @FXML private Button testButton;
    @FXML private Button saveButton;
    @FXML private Label closedLabel;
    @FXML private Label inUseLabel;
    @FXML private Label testResultLabel;
    @FXML private Label messageLabel;
    @FXML private GridPane form;

    public ReaderSettingsView(ReaderSettingsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        kindChoice.getItems().setAll(ReaderSettingsViewModel.kinds());
        kindChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Kind kind) {
                return viewModel.kindText(kind);
            }

            @Override
            public Kind fromString(String text) {
                throw new UnsupportedOperationException("chosen, never typed");
            }
        });
        kindChoice.valueProperty().bindBidirectional(viewModel.kindProperty());
        portField.textProperty().bindBidirectional(viewModel.portProperty());
        libraryField.textProperty().bindBidirectional(viewModel.libraryProperty());
        fileField.textProperty().bindBidirectional(viewModel.fileProperty());
        boolean closed = !viewModel.mayChangeProperty().get();
        kindChoice.setDisable(closed);
        portField.disableProperty().bind(viewModel.portAppliesBinding().not().or(viewModel.mayChangeProperty().not()));
        libraryField.disableProperty().bind(viewModel.libraryAppliesBinding().not()
                .or(viewModel.mayChangeProperty().not()));
        fileField.disableProperty().bind(viewModel.fileAppliesBinding().not().or(viewModel.mayChangeProperty().not()));
        saveButton.disableProperty().bind(viewModel.mayChangeProperty().not().or(viewModel.workingProperty()));
        testButton.disableProperty().bind(viewModel.workingProperty());
        closedLabel.setText(viewModel.closedText());
        closedLabel.setManaged(closed);
        closedLabel.setVisible(closed);
        inUseLabel.textProperty().bind(viewModel.inUseProperty());
        testResultLabel.textProperty().bind(viewModel.testResultProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        Map<String, Control> fields = Map.of("port", portField, "library", libraryField, "file", fileField);
        fields.forEach((field, control) -> Decorations.bind(viewModel.errors(), field, control));
        EnterKey.runs(form, viewModel::test);
    }

    @FXML
    private void test() {
        viewModel.test();
    }

    @FXML
    private void save() {
        viewModel.save();
    }
}
