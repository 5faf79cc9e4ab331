package canbao.gui.setup;

import canbao.gui.common.Decorations;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

public class SetupView {

    private final SetupViewModel viewModel;

    @FXML private TextField townshipField;
    @FXML private TextField countyField;
    @FXML private TextField loginField;
    @FXML private TextField nameField;
    @FXML private PasswordField passwordField;
    @FXML private PasswordField repeatedField;
    @FXML private Label messageLabel;
    @FXML private Button saveButton;

    public SetupView(SetupViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        townshipField.textProperty().bindBidirectional(viewModel.townshipProperty());
        countyField.textProperty().bindBidirectional(viewModel.countyProperty());
        loginField.textProperty().bindBidirectional(viewModel.loginProperty());
        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        passwordField.textProperty().bindBidirectional(viewModel.passwordProperty());
        repeatedField.textProperty().bindBidirectional(viewModel.repeatedProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        saveButton.disableProperty().bind(viewModel.workingProperty());
        Map<String, Control> fields = Map.of("township", townshipField, "county", countyField, "login", loginField,
                "name", nameField, "password", passwordField, "repeated", repeatedField);
        fields.forEach((field, control) -> Decorations.bind(viewModel.errors(), field, control));
    }

    @FXML
    private void save() {
        viewModel.save();
    }
}
