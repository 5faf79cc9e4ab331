package canbao.gui.newborn;

import canbao.gui.common.Decorations;
import canbao.gui.common.Formats;
import canbao.gui.common.Tables;
import canbao.model.NewbornPending;
import canbao.model.Tier;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

/** Thin view of 新生儿登记. Worklist rows with 10 days or fewer left are highlighted. */
public class NewbornRegistrationView {

    private final NewbornRegistrationViewModel viewModel;
    private final Locale locale;

    @FXML private TextField nameField;
    @FXML private DatePicker birthDatePicker;
    @FXML private TextField certificateField;
    @FXML private TextField relationField;
    @FXML private TextField guardianField;
    @FXML private Label guardianLabel;
    @FXML private ToggleGroup coverageGroup;
    @FXML private RadioButton withGuardianRadio;
    @FXML private RadioButton ownRadio;
    @FXML private RadioButton registerOnlyRadio;
    @FXML private ComboBox<Tier> tierBox;
    @FXML private DatePicker paymentDatePicker;
    @FXML private TextField receiptField;
    @FXML private Label deadlineLabel;
    @FXML private Label quoteLabel;
    @FXML private Label alternativeLabel;
    @FXML private Label statusLabel;
    @FXML private TableView<NewbornPending> worklistTable;
    @FXML private TableColumn<NewbornPending, String> pendingNameColumn;
    @FXML private TableColumn<NewbornPending, String> pendingBirthColumn;
    @FXML private TableColumn<NewbornPending, String> pendingIdentityColumn;
    @FXML private TableColumn<NewbornPending, String> pendingHouseholdColumn;
    @FXML private TableColumn<NewbornPending, String> pendingVillageColumn;
    @FXML private TableColumn<NewbornPending, String> pendingDeadlineColumn;
    @FXML private TableColumn<NewbornPending, String> pendingDaysLeftColumn;
    @FXML private canbao.gui.common.CardBar cardBar;

    public NewbornRegistrationView(NewbornRegistrationViewModel viewModel, Locale locale) {
        this.viewModel = viewModel;
        this.locale = locale;
    }

    @FXML
    private void initialize() {
        cardBar.attach(viewModel.cardReading(), locale); // issue 18: the guardian's card
        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        birthDatePicker.setConverter(Formats.isoDates());
        birthDatePicker.valueProperty().bindBidirectional(viewModel.birthDateProperty());
        certificateField.textProperty().bindBidirectional(viewModel.birthCertificateNoProperty());
        relationField.textProperty().bindBidirectional(viewModel.relationProperty());
        guardianField.textProperty().bindBidirectional(viewModel.guardianIdNumberProperty());
        guardianLabel.textProperty().bind(viewModel.guardianTextProperty());
        withGuardianRadio.setUserData(NewbornRegistrationViewModel.Coverage.WITH_GUARDIAN);
        ownRadio.setUserData(NewbornRegistrationViewModel.Coverage.OWN);
        registerOnlyRadio.setUserData(NewbornRegistrationViewModel.Coverage.REGISTER_ONLY);
        coverageGroup.selectToggle(withGuardianRadio);
        coverageGroup.selectedToggleProperty().addListener((o, old, toggle) -> viewModel.coverageProperty()
                .set((NewbornRegistrationViewModel.Coverage) toggle.getUserData()));
        tierBox.getItems().setAll(Tier.values());
        tierBox.setConverter(Formats.tiers(locale));
        tierBox.valueProperty().bindBidirectional(viewModel.tierProperty());
        tierBox.disableProperty().bind(ownRadio.selectedProperty().not());
        paymentDatePicker.setConverter(Formats.isoDates());
        paymentDatePicker.valueProperty().bindBidirectional(viewModel.paymentDateProperty());
        paymentDatePicker.disableProperty().bind(ownRadio.selectedProperty().not());
        receiptField.textProperty().bindBidirectional(viewModel.receiptNoProperty());
        receiptField.disableProperty().bind(ownRadio.selectedProperty().not());
        deadlineLabel.textProperty().bind(viewModel.deadlineProperty());
        quoteLabel.textProperty().bind(viewModel.quoteProperty());
        alternativeLabel.textProperty().bind(viewModel.alternativeProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());

        var errors = viewModel.errors();
        Decorations.bind(errors, "name", nameField);
        Decorations.bind(errors, "birthDate", birthDatePicker);
        Decorations.bind(errors, "birthCertificateNo", certificateField);
        Decorations.bind(errors, "guardian", guardianField);

        worklistTable.setItems(viewModel.pending());
        Tables.text(pendingNameColumn, NewbornPending::name);
        Tables.text(pendingBirthColumn, n -> Formats.date(n.birthDate()));
        Tables.text(pendingIdentityColumn, NewbornPending::identity);
        Tables.text(pendingHouseholdColumn, NewbornPending::householdNumber);
        Tables.text(pendingVillageColumn, NewbornPending::village);
        Tables.text(pendingDeadlineColumn, n -> Formats.date(n.deadline()));
        Tables.text(pendingDaysLeftColumn, n -> String.valueOf(n.daysLeft()));
        Tables.markRows(worklistTable, viewModel::isUrgent, "urgent");
        viewModel.refreshWorklist();
    }


    @FXML
    private void findGuardian() {
        viewModel.findGuardian();
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void refresh() {
        viewModel.refreshWorklist();
    }
}
