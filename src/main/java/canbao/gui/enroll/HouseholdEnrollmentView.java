package canbao.gui.enroll;

import canbao.gui.common.Decorations;
import canbao.gui.common.Formats;
import canbao.gui.common.MemberColumns;
import canbao.gui.common.MemberFormView;
import canbao.gui.common.MemberRow;
import canbao.model.MemberQuote;
import canbao.model.PersonHit;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

/** Thin view of 家庭参保登记: bindings and event forwarding only. */
public class HouseholdEnrollmentView {

    private final HouseholdEnrollmentViewModel viewModel;
    private final Locale locale;

    @FXML private TextField searchField;
    @FXML private ListView<PersonHit> hitsList;
    @FXML private javafx.scene.layout.VBox renewBar;
    @FXML private Label renewalLabel;
    @FXML private ListView<canbao.report.RenewalWorklist.Member> renewalList;
    @FXML private TextField renewalReceiptField;
    @FXML private Button renewButton;
    @FXML private TextField numberField;
    @FXML private TextField villageField;
    @FXML private TextField groupField;
    @FXML private TextField addressField;
    @FXML private TextField phoneField;
    @FXML private ComboBox<Integer> policyYearBox;
    @FXML private DatePicker paymentDatePicker;
    @FXML private TextField receiptField;
    @FXML private MemberFormView memberFormController;
    @FXML private TableColumn<MemberRow, String> repairColumn;
    @FXML private TableColumn<MemberRow, String> brokenColumn;
    @FXML private TableColumn<MemberRow, String> waitingColumn;
    @FXML private TableColumn<MemberRow, String> continuousColumn;
    @FXML private Label provisionalLabel;
    @FXML private Button openEnrolledInButton;
    @FXML private TableView<MemberRow> membersTable;
    @FXML private TableColumn<MemberRow, String> nameColumn;
    @FXML private TableColumn<MemberRow, String> identityColumn;
    @FXML private TableColumn<MemberRow, String> relationColumn;
    @FXML private TableColumn<MemberRow, String> tierColumn;
    @FXML private TableColumn<MemberRow, String> categoriesColumn;
    @FXML private TableColumn<MemberRow, String> standardColumn;
    @FXML private TableColumn<MemberRow, String> subsidyColumn;
    @FXML private TableColumn<MemberRow, String> surchargeColumn;
    @FXML private TableColumn<MemberRow, String> payableColumn;
    @FXML private TableColumn<MemberRow, String> startColumn;
    @FXML private TableColumn<MemberRow, String> noteColumn;
    @FXML private Label totalLabel;
    @FXML private Label comparisonLabel;
    @FXML private Label statusLabel;
    @FXML private Button saveButton;
    @FXML private javafx.scene.control.MenuButton printMenu;
    @FXML private Button printReceiptButton;
    @FXML private TextArea explanationArea;
    @FXML private canbao.gui.common.CardBar cardBar;

    public HouseholdEnrollmentView(HouseholdEnrollmentViewModel viewModel, Locale locale) {
        this.viewModel = viewModel;
        this.locale = locale;
    }

    @FXML
    private void initialize() {
        // issue 18: the card reader's strip, polled while the screen is shown, and the 扫码 field
        cardBar.attach(viewModel.cardReading(), locale);
        cardBar.addButton(canbao.model.Localization.text(locale, "enroll.openEnrolledIn"), "openStoredPersonButton",
                viewModel::openStoredPerson, viewModel.storedPersonProperty().isNotNull());
        cardBar.addScanField(locale, viewModel::scanKey, viewModel::scanEnter, viewModel::scanReset);
        searchField.textProperty().bindBidirectional(viewModel.queryProperty());
        hitsList.setItems(viewModel.hits());
        hitsList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(PersonHit hit, boolean empty) {
                super.updateItem(hit, empty);
                setText(empty || hit == null ? null : hit.name() + "  " + hit.maskedIdentity() + "\n"
                        + hit.householdNumber() + " · " + hit.village());
            }
        });
        hitsList.setOnMouseClicked(event -> viewModel.open(hitsList.getSelectionModel().getSelectedItem()));
        // Enter in the search box finds; the first result is then selected with the cursor on it, so a
        // second Enter opens it (↓ picks another); ↓ in the search box also goes to the results
        hitsList.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER) {
                event.consume();
                viewModel.open(hitsList.getSelectionModel().getSelectedItem());
            }
        });
        searchField.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.DOWN && !hitsList.getItems().isEmpty()) {
                event.consume();
                hitsList.requestFocus();
            }
        });
        viewModel.hits().addListener((javafx.collections.ListChangeListener<PersonHit>) change -> {
            if (!hitsList.getItems().isEmpty() && searchField.isFocused()) {
                hitsList.getSelectionModel().select(0);
                hitsList.getFocusModel().focus(0);
                hitsList.requestFocus();
            }
        });

        numberField.textProperty().bindBidirectional(viewModel.numberProperty());
        villageField.textProperty().bindBidirectional(viewModel.villageProperty());
        groupField.textProperty().bindBidirectional(viewModel.groupProperty());
        addressField.textProperty().bindBidirectional(viewModel.addressProperty());
        phoneField.textProperty().bindBidirectional(viewModel.phoneProperty());
        policyYearBox.setItems(viewModel.years());
        policyYearBox.valueProperty().bindBidirectional(viewModel.policyYearProperty());
        paymentDatePicker.setConverter(Formats.isoDates());
        paymentDatePicker.valueProperty().bindBidirectional(viewModel.paymentDateProperty());
        receiptField.textProperty().bindBidirectional(viewModel.receiptNoProperty());

        var errors = viewModel.errors();
        Decorations.bind(errors, "household.number", numberField);
        Decorations.bind(errors, "household.receiptNo", receiptField);
        Decorations.bind(errors, "household.village", villageField);
        Decorations.bind(errors, "household.phone", phoneField);
        memberFormController.attach(viewModel.memberForm(), locale);
        membersTable.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                viewModel.edit(membersTable.getSelectionModel().getSelectedItem());
                memberFormController.focusFirstField();
            }
        });

        membersTable.setItems(viewModel.members());
        MemberColumns.text(nameColumn, MemberRow::name);
        MemberColumns.text(identityColumn, MemberRow::identity);
        MemberColumns.text(relationColumn, row -> row.relation() == null ? "" : row.relation());
        MemberColumns.tier(tierColumn, locale);
        MemberColumns.categories(categoriesColumn, viewModel::categoryName);
        MemberColumns.money(standardColumn, MemberQuote::standard);
        MemberColumns.money(subsidyColumn, MemberQuote::subsidy);
        MemberColumns.money(surchargeColumn, MemberQuote::surcharge);
        MemberColumns.marked(payableColumn, quote -> Formats.money(quote.payable()));
        MemberColumns.money(repairColumn, MemberQuote::repair);
        MemberColumns.marked(startColumn, quote -> Formats.date(quote.benefitStart()));
        MemberColumns.history(brokenColumn, waitingColumn, continuousColumn, locale);
        MemberColumns.status(noteColumn);
        viewModel.selectedProperty().bind(membersTable.getSelectionModel().selectedItemProperty());
        totalLabel.textProperty().bind(viewModel.totalProperty());
        comparisonLabel.textProperty().bind(viewModel.comparisonProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        explanationArea.textProperty().bind(viewModel.explanationProperty());
        provisionalLabel.textProperty().bind(viewModel.provisionalNoteProperty());
        openEnrolledInButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> viewModel.selectedProperty().get() == null || viewModel.selectedProperty().get().enrolledIn() == null,
                viewModel.selectedProperty(), viewModel.members()));
        saveButton.disableProperty().bind(viewModel.busyProperty());
        printMenu.disableProperty().bind(viewModel.shownHouseholdProperty().isNull());
        printReceiptButton.disableProperty().bind(viewModel.shownHouseholdProperty().isNull());
        renewals();
        viewModel.refusalsProperty().addListener((o, before, now) -> Decorations.focusFirst(viewModel.errors()));
        // the first thing a clerk does is find or type a household: the cursor starts there
        javafx.application.Platform.runLater(searchField::requestFocus);
    }

    /**
     * 按上年续保: the bar shows while the opened household has members to renew; opened from the search
     * (Enter, Enter), the cursor goes to its list with every member chosen — ←/→ (Home, Shift, Ctrl+Space)
     * choose fewer, Enter goes to the receipt, Enter renews.
     */
    private void renewals() {
        renewBar.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.renewable()));
        renewBar.managedProperty().bind(renewBar.visibleProperty());
        renewalLabel.textProperty().bind(viewModel.renewalTextProperty());
        renewalList.setItems(viewModel.renewable());
        renewalList.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        renewalList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(canbao.report.RenewalWorklist.Member item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : viewModel.renewalItemText(item));
            }
        });
        renewalList.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<canbao.report.RenewalWorklist.Member>) change ->
                        viewModel.renewalChosen().setAll(java.util.List.copyOf(renewalList.getSelectionModel().getSelectedItems())));
        renewalReceiptField.textProperty().bindBidirectional(viewModel.renewalReceiptProperty());
        renewalList.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER) {
                event.consume();
                renewalReceiptField.requestFocus();
            }
        });
        renewalReceiptField.setOnAction(event -> renewLastYear());
        viewModel.renewable().addListener((javafx.collections.ListChangeListener<canbao.report.RenewalWorklist.Member>)
                change -> {
                    if (viewModel.renewable().isEmpty()) {
                        return; // cleared while the household is read again
                    }
                    // every member starts chosen: Enter renews the whole family, arrows choose fewer
                    renewalList.getSelectionModel().selectAll();
                    boolean afterRenewal = returnToRenewals;
                    returnToRenewals = false;
                    if (afterRenewal || hitsList.isFocused() || searchField.isFocused()) {
                        renewalList.getFocusModel().focus(0);
                        renewalList.requestFocus();
                    }
                });
    }

    /** Set by a renewal: the household shown again still has members to renew, the cursor goes back to them. */
    private boolean returnToRenewals;

    @FXML
    private void renewLastYear() {
        returnToRenewals = true;
        viewModel.renewLastYear();
    }

    @FXML
    private void search() {
        viewModel.search();
    }

    @FXML
    private void newHousehold() {
        viewModel.startNewHousehold();
        numberField.requestFocus();
    }

    @FXML
    private void openEnrolledIn() {
        viewModel.openEnrolledIn(viewModel.selectedProperty().get());
    }

    @FXML
    private void remove() {
        viewModel.removeSelected();
    }

    @FXML
    private void cancelEnrollment() {
        viewModel.cancelSelected();
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void printReceipt() {
        viewModel.print(HouseholdEnrollmentViewModel.Printout.RECEIPT);
    }

    @FXML
    private void printSlip() {
        viewModel.print(HouseholdEnrollmentViewModel.Printout.QUOTE_SLIP);
    }

    @FXML
    private void printForm() {
        viewModel.print(HouseholdEnrollmentViewModel.Printout.ENROLLMENT_FORM);
    }

    @FXML
    private void receiptPdf() {
        viewModel.saveAsPdf(HouseholdEnrollmentViewModel.Printout.RECEIPT);
    }

    @FXML
    private void slipPdf() {
        viewModel.saveAsPdf(HouseholdEnrollmentViewModel.Printout.QUOTE_SLIP);
    }

    @FXML
    private void formPdf() {
        viewModel.saveAsPdf(HouseholdEnrollmentViewModel.Printout.ENROLLMENT_FORM);
    }
}
