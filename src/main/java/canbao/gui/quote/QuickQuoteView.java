package canbao.gui.quote;

import canbao.gui.common.Formats;
import canbao.gui.common.MemberColumns;
import canbao.gui.common.MemberFormView;
import canbao.gui.common.MemberRow;
import canbao.model.MemberQuote;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;

/** Thin view of 费用测算: binds controls to {@link QuickQuoteViewModel} and forwards button presses. */
public class QuickQuoteView {

    private final QuickQuoteViewModel viewModel;
    private final Locale locale;

    @FXML private ComboBox<Integer> policyYearBox;
    @FXML private DatePicker paymentDatePicker;
    @FXML private MemberFormView memberFormController;
    @FXML private TableView<MemberRow> membersTable;
    @FXML private TableColumn<MemberRow, String> identityColumn;
    @FXML private TableColumn<MemberRow, String> tierColumn;
    @FXML private TableColumn<MemberRow, String> categoriesColumn;
    @FXML private TableColumn<MemberRow, String> standardColumn;
    @FXML private TableColumn<MemberRow, String> subsidyColumn;
    @FXML private TableColumn<MemberRow, String> surchargeColumn;
    @FXML private TableColumn<MemberRow, String> payableColumn;
    @FXML private TableColumn<MemberRow, String> startColumn;
    @FXML private TableColumn<MemberRow, String> repairColumn;
    @FXML private TableColumn<MemberRow, String> brokenColumn;
    @FXML private TableColumn<MemberRow, String> waitingColumn;
    @FXML private TableColumn<MemberRow, String> continuousColumn;
    @FXML private javafx.scene.control.Label provisionalLabel;
    @FXML private TableColumn<MemberRow, String> statusColumn;
    @FXML private Label totalLabel;
    @FXML private Label comparisonLabel;
    @FXML private TextArea explanationArea;
    @FXML private canbao.gui.common.CardBar cardBar;

    public QuickQuoteView(QuickQuoteViewModel viewModel, Locale locale) {
        this.viewModel = viewModel;
        this.locale = locale;
    }

    @FXML
    private void initialize() {
        if (viewModel.cardReading() != null) {
            cardBar.attach(viewModel.cardReading(), locale); // issue 18: a walk-in's card adds the member
        } else {
            cardBar.setVisible(false);
            cardBar.setManaged(false);
        }
        policyYearBox.setItems(viewModel.years());
        policyYearBox.valueProperty().bindBidirectional(viewModel.policyYearProperty());
        paymentDatePicker.setConverter(Formats.isoDates());
        paymentDatePicker.valueProperty().bindBidirectional(viewModel.paymentDateProperty());
        memberFormController.attach(viewModel.memberForm(), locale);

        membersTable.setItems(viewModel.members());
        MemberColumns.text(identityColumn, MemberRow::identity);
        MemberColumns.tier(tierColumn, locale);
        MemberColumns.categories(categoriesColumn, viewModel::categoryName);
        MemberColumns.money(standardColumn, MemberQuote::standard);
        MemberColumns.money(subsidyColumn, MemberQuote::subsidy);
        MemberColumns.money(surchargeColumn, MemberQuote::surcharge);
        MemberColumns.marked(payableColumn, quote -> Formats.money(quote.payable()));
        MemberColumns.money(repairColumn, MemberQuote::repair);
        MemberColumns.marked(startColumn, quote -> Formats.date(quote.benefitStart()));
        MemberColumns.history(brokenColumn, waitingColumn, continuousColumn, locale);
        provisionalLabel.textProperty().bind(viewModel.provisionalNoteProperty());
        MemberColumns.status(statusColumn);
        viewModel.selectedProperty().bind(membersTable.getSelectionModel().selectedItemProperty());
        totalLabel.textProperty().bind(viewModel.totalProperty());
        comparisonLabel.textProperty().bind(viewModel.comparisonProperty());
        explanationArea.textProperty().bind(viewModel.explanationProperty());
    }

    @FXML
    private void remove() {
        viewModel.removeSelected();
    }

    @FXML
    private void clear() {
        viewModel.clear();
    }
}
