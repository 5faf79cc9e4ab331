package canbao.gui.accounts;

import canbao.gui.common.Decorations;
import canbao.gui.common.Tables;
import canbao.model.Role;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

public class AccountsView {

    private final AccountsViewModel viewModel;

    @FXML private TableView<AccountsViewModel.Row> accountsTable;
    @FXML private TableColumn<AccountsViewModel.Row, String> loginColumn;
    @FXML private TableColumn<AccountsViewModel.Row, String> nameColumn;
    @FXML private TableColumn<AccountsViewModel.Row, String> roleColumn;
    @FXML private TableColumn<AccountsViewModel.Row, String> statusColumn;
    @FXML private TextField loginField;
    @FXML private TextField nameField;
    @FXML private ChoiceBox<Role> roleChoice;
    @FXML private PasswordField passwordField;
    @FXML private PasswordField repeatedField;
    @FXML private PasswordField newPasswordField;
    @FXML private PasswordField newRepeatedField;
    @FXML private Button addButton;
    @FXML private Button resetPasswordButton;
    @FXML private Button liftLockButton;
    @FXML private Button disableButton;
    @FXML private Label messageLabel;
    @FXML private javafx.scene.layout.GridPane addForm;

    public AccountsView(AccountsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        accountsTable.setItems(viewModel.rows());
        Tables.text(loginColumn, AccountsViewModel.Row::login);
        Tables.text(nameColumn, AccountsViewModel.Row::name);
        Tables.text(roleColumn, AccountsViewModel.Row::role);
        Tables.text(statusColumn, AccountsViewModel.Row::status);
        viewModel.selectedProperty().bind(accountsTable.getSelectionModel().selectedItemProperty());
        loginField.textProperty().bindBidirectional(viewModel.loginProperty());
        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        roleChoice.getItems().setAll(Role.CLERK, Role.CADRE, Role.ADMIN);
        roleChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role role) {
                return viewModel.roleText(role);
            }

            @Override
            public Role fromString(String text) {
                throw new UnsupportedOperationException("chosen, never typed");
            }
        });
        roleChoice.valueProperty().bindBidirectional(viewModel.roleProperty());
        passwordField.textProperty().bindBidirectional(viewModel.passwordProperty());
        repeatedField.textProperty().bindBidirectional(viewModel.repeatedProperty());
        newPasswordField.textProperty().bindBidirectional(viewModel.newPasswordProperty());
        newRepeatedField.textProperty().bindBidirectional(viewModel.newRepeatedProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        for (Button button : new Button[] {addButton, resetPasswordButton, liftLockButton, disableButton}) {
            button.disableProperty().bind(viewModel.workingProperty());
        }
        Map<String, Control> fields = Map.of("login", loginField, "name", nameField, "password", passwordField,
                "repeated", repeatedField, "reset.password", newPasswordField, "reset.repeated", newRepeatedField);
        fields.forEach((field, control) -> Decorations.bind(viewModel.errors(), field, control));
        viewModel.refresh();
        // Enter anywhere in the new-account form adds the account (issue 20, defect 10)
        canbao.gui.common.EnterKey.runs(addForm, this::add);
    }

    @FXML
    private void add() {
        viewModel.add();
    }

    @FXML
    private void resetPassword() {
        viewModel.resetPassword();
    }

    @FXML
    private void liftLock() {
        viewModel.liftLock();
    }

    @FXML
    private void disable() {
        viewModel.disable();
    }
}
