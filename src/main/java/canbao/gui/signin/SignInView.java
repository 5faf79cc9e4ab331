package canbao.gui.signin;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

public class SignInView {

    private final SignInViewModel viewModel;

    @FXML private TextField loginField;
    @FXML private PasswordField passwordField;
    @FXML private Label messageLabel;
    @FXML private Button signInButton;

    public SignInView(SignInViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        loginField.textProperty().bindBidirectional(viewModel.loginProperty());
        passwordField.textProperty().bindBidirectional(viewModel.passwordProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        signInButton.disableProperty().bind(viewModel.workingProperty());
        loginField.disableProperty().bind(viewModel.workingProperty());
        passwordField.disableProperty().bind(viewModel.workingProperty());
        Platform.runLater(loginField::requestFocus);
    }

    @FXML
    private void signIn() {
        viewModel.signIn();
    }
}
