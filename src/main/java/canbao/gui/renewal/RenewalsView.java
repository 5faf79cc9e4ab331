package canbao.gui.renewal;

import canbao.gui.common.Formats;
import canbao.gui.common.Tables;
import canbao.model.MarkKind;
import canbao.model.Localization;
import canbao.report.RenewalWorklist;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.util.StringConverter;

/**
 * Thin view of 续保. Keyboard: the household list has the cursor; Enter takes it to the receipt, Enter
 * there renews, and the cursor comes back to the list.
 */
public class RenewalsView {

    private final RenewalsViewModel viewModel;
    private final Locale locale;

    @FXML private ComboBox<String> villageBox;
    @FXML private Label countsLabel;
    @FXML private TableView<RenewalWorklist.Household> householdsTable;
    @FXML private TableColumn<RenewalWorklist.Household, String> numberColumn;
    @FXML private TableColumn<RenewalWorklist.Household, String> villageColumn;
    @FXML private TableColumn<RenewalWorklist.Household, String> groupColumn;
    @FXML private TableColumn<RenewalWorklist.Household, String> namesColumn;
    @FXML private TableColumn<RenewalWorklist.Household, Long> toRenewColumn;
    @FXML private TableColumn<RenewalWorklist.Household, String> totalColumn;
    @FXML private TableColumn<RenewalWorklist.Household, String> hintColumn;
    @FXML private TableView<RenewalWorklist.Member> membersTable;
    @FXML private TableColumn<RenewalWorklist.Member, String> nameColumn;
    @FXML private TableColumn<RenewalWorklist.Member, String> identityColumn;
    @FXML private TableColumn<RenewalWorklist.Member, String> relationColumn;
    @FXML private TableColumn<RenewalWorklist.Member, String> lastYearColumn;
    @FXML private TableColumn<RenewalWorklist.Member, String> tierColumn;
    @FXML private TableColumn<RenewalWorklist.Member, String> categoriesColumn;
    @FXML private TableColumn<RenewalWorklist.Member, String> payableColumn;
    @FXML private TableColumn<RenewalWorklist.Member, String> stateColumn;
    @FXML private Label householdLabel;
    @FXML private TextField receiptField;
    @FXML private ComboBox<MarkKind> markKindBox;
    @FXML private TextField markReasonField;
    @FXML private DatePicker markDatePicker;
    @FXML private Label statusLabel;

    public RenewalsView(RenewalsViewModel viewModel, Locale locale) {
        this.viewModel = viewModel;
        this.locale = locale;
    }

    @FXML
    private void initialize() {
        villageBox.setItems(viewModel.villages());
        villageBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String village) {
                return village == null || village.isEmpty() ? Localization.text(locale, "renewal.village.all") : village;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        villageBox.valueProperty().bindBidirectional(viewModel.villageProperty());
        countsLabel.textProperty().bind(viewModel.countsProperty());

        householdsTable.setItems(viewModel.households());
        Tables.text(numberColumn, RenewalWorklist.Household::number);
        Tables.text(villageColumn, RenewalWorklist.Household::village);
        Tables.text(groupColumn, h -> h.group() == null ? "" : h.group());
        Tables.text(namesColumn, viewModel::membersText);
        Tables.value(toRenewColumn, RenewalWorklist.Household::toRenewCount);
        Tables.text(totalColumn, h -> h.total().toString());
        Tables.text(hintColumn, viewModel::hintText);
        householdsTable.getSelectionModel().selectedItemProperty().addListener((o, old, chosen) -> {
            if (chosen != null) {
                viewModel.householdProperty().set(chosen);
            }
        });
        viewModel.householdProperty().addListener((o, old, chosen) -> {
            if (chosen != householdsTable.getSelectionModel().getSelectedItem()) {
                householdsTable.getSelectionModel().select(chosen);
            }
        });
        householdsTable.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                receiptField.requestFocus();
                event.consume();
            }
        });

        membersTable.setItems(viewModel.members());
        membersTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Tables.text(nameColumn, RenewalWorklist.Member::name);
        Tables.text(identityColumn, RenewalWorklist.Member::maskedIdentity);
        Tables.text(relationColumn, m -> m.relation() == null ? "" : m.relation());
        Tables.text(lastYearColumn, viewModel::lastYearText);
        Tables.text(tierColumn, viewModel::tierText);
        Tables.text(categoriesColumn, viewModel::categoriesText);
        Tables.text(payableColumn, viewModel::payableText);
        Tables.text(stateColumn, viewModel::stateText);
        Tables.markRows(membersTable, m -> m.mark() != null, "marked");
        membersTable.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<RenewalWorklist.Member>) change -> viewModel.chosenMembers()
                        .setAll(membersTable.getSelectionModel().getSelectedItems()));
        membersTable.getSelectionModel().selectedItemProperty().addListener(
                (o, old, chosen) -> viewModel.memberProperty().set(chosen));
        membersTable.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                receiptField.requestFocus();
                event.consume();
            }
        });

        householdLabel.textProperty().bind(viewModel.householdTextProperty());
        receiptField.textProperty().bindBidirectional(viewModel.receiptNoProperty());
        markKindBox.getItems().setAll(MarkKind.values());
        markKindBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(MarkKind kind) {
                return kind == null ? "" : Localization.text(locale, kind.messageKey());
            }

            @Override
            public MarkKind fromString(String text) {
                return null;
            }
        });
        markKindBox.valueProperty().bindBidirectional(viewModel.markKindProperty());
        markReasonField.textProperty().bindBidirectional(viewModel.markReasonProperty());
        markDatePicker.setConverter(Formats.isoDates());
        markDatePicker.valueProperty().bindBidirectional(viewModel.markDateProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        viewModel.savedProperty().addListener((o, old, count) -> householdsTable.requestFocus());
        viewModel.refresh();
        householdsTable.requestFocus();
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    @FXML
    private void renew() {
        viewModel.renew();
    }

    @FXML
    private void mark() {
        viewModel.mark();
    }

    @FXML
    private void unmark() {
        viewModel.unmark();
    }

    /** 催缴通知单 of the village chosen (or the township): PDF slips, or the same list as XLSX. */
    @FXML
    private void reminders() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setInitialFileName(viewModel.remindersFileName() + ".pdf");
        chooser.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("PDF", "*.pdf"),
                new javafx.stage.FileChooser.ExtensionFilter("XLSX", "*.xlsx"));
        java.io.File chosen = chooser.showSaveDialog(householdsTable.getScene().getWindow());
        if (chosen != null) {
            viewModel.reminders(chosen.toPath());
        }
    }
}
