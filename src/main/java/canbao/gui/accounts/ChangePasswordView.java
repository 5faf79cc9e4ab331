package canbao.gui.accounts;

import canbao.gui.common.Decorations;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;

public class ChangePasswordView {

    private final ChangePasswordViewModel viewModel;

    @FXML private PasswordField currentField;
    @FXML private PasswordField newPasswordField;
    @FXML private PasswordField newRepeatedField;
    @FXML private Label passwordMessageLabel;
    @FXML private Button changePasswordSaveButton;

    public ChangePasswordView(ChangePasswordViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        currentField.textProperty().bindBidirectional(viewModel.currentProperty());
        newPasswordField.textProperty().bindBidirectional(viewModel.passwordProperty());
        newRepeatedField.textProperty().bindBidirectional(viewModel.repeatedProperty());
        passwordMessageLabel.textProperty().bind(viewModel.messageProperty());
        changePasswordSaveButton.disableProperty().bind(viewModel.workingProperty().or(viewModel.changedProperty()));
        Map<String, Control> fields = Map.of("current", currentField, "password", newPasswordField,
                "repeated", newRepeatedField);
        fields.forEach((field, control) -> Decorations.bind(viewModel.errors(), field, control));
    }

    @FXML
    private void save() {
        viewModel.save();
    }
}
