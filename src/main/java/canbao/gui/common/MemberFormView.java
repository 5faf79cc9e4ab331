package canbao.gui.common;

import canbao.model.Tier;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.controlsfx.control.CheckComboBox;

/**
 * Thin view of the member form (fxml/MemberForm.fxml), included by a screen and handed its
 * {@link MemberFormViewModel} by that screen's view ({@link #attach}): binds the fields, places the
 * ones the screen uses where it has them, and forwards Enter, 添加 and leaving the ID number.
 */
public class MemberFormView {

    /** the included form's root */
    private GridPane form;
    @FXML private Label nameLabel;
    @FXML private TextField nameField;
    @FXML private Label idNumberLabel;
    @FXML private TextField idNumberField;
    @FXML private Label birthDateLabel;
    @FXML private DatePicker birthDatePicker;
    @FXML private Label birthCertificateLabel;
    @FXML private TextField birthCertificateField;
    @FXML private Label relationLabel;
    @FXML private TextField relationField;
    @FXML private Label ethnicityLabel;
    @FXML private TextField ethnicityField;
    @FXML private Label tierLabel;
    @FXML private ComboBox<Tier> tierBox;
    @FXML private Label categoriesLabel;
    @FXML private CheckComboBox<String> categoriesBox;
    @FXML private Label certifiedByLabel;
    @FXML private TextField certifiedByField;
    @FXML private Label certifiedOnLabel;
    @FXML private DatePicker certifiedOnPicker;
    @FXML private Label employeeEndedLabel;
    @FXML private DatePicker employeeEndedPicker;
    @FXML private Label graduationYearLabel;
    @FXML private TextField graduationYearField;
    @FXML private Button addButton;
    @FXML private Label historyTitleLabel;
    @FXML private Label historyLabel;
    @FXML private Label declaredYearsLabel;
    @FXML private TextField declaredYearsField;
    @FXML private Label coveredYearsLabel;
    @FXML private TextField coveredYearsField;
    @FXML private Label declaredEvidenceLabel;
    @FXML private TextField declaredEvidenceField;
    @FXML private Label repairLabel;
    @FXML private ComboBox<Integer> repairBox;

    private MemberFormViewModel viewModel;

    /** Where a field is on a screen's form: column, row, columns spanned. */
    private record Place(Node node, int column, int row, int span) {
    }

    @FXML
    private void initialize() {
        form = (GridPane) nameField.getParent();
    }

    /** Binds the form to the screen's member (the categories and their names come from the screen's year). */
    public void attach(MemberFormViewModel model, Locale locale) {
        this.viewModel = model;
        boolean household = model.use() == MemberFormViewModel.Use.HOUSEHOLD;
        List<Place> places = household ? householdPlaces() : quotePlaces();
        form.getChildren().forEach(node -> {
            node.setVisible(false);
            node.setManaged(false);
        });
        for (Place place : places) {
            GridPane.setConstraints(place.node(), place.column(), place.row(), place.span(), 1);
            place.node().setVisible(true);
            place.node().setManaged(true);
        }
        if (!household) {
            form.setHgap(8);
            idNumberField.setPrefColumnCount(18);
            tierBox.setPrefWidth(100);
            categoriesBox.setPrefWidth(200);
            employeeEndedPicker.setPrefWidth(140);
        }
        // the screens' own names for the button: 添加 adds the member on either
        addButton.setId(household ? "addMemberButton" : "addButton");

        for (DatePicker picker : new DatePicker[] {birthDatePicker, certifiedOnPicker, employeeEndedPicker}) {
            picker.setConverter(Formats.isoDates());
        }
        nameField.textProperty().bindBidirectional(model.nameProperty());
        idNumberField.textProperty().bindBidirectional(model.idNumberProperty());
        idNumberField.focusedProperty().addListener((o, had, has) -> {
            if (had && !has) {
                model.idNumberLeft();
            }
        });
        birthDatePicker.valueProperty().bindBidirectional(model.birthDateProperty());
        birthCertificateField.textProperty().bindBidirectional(model.birthCertificateNoProperty());
        relationField.textProperty().bindBidirectional(model.relationProperty());
        ethnicityField.textProperty().bindBidirectional(model.ethnicityProperty());
        if (household) {
            // the 户口簿's words as choices, typed ahead (土 → 土家, 土)
            typeAhead(relationField, canbao.model.HouseholdWords.RELATIONS);
            typeAhead(ethnicityField, canbao.model.HouseholdWords.ETHNICITIES);
        }
        tierBox.getItems().setAll(Tier.values());
        tierBox.setConverter(Formats.tiers(locale));
        tierBox.valueProperty().bindBidirectional(model.tierProperty());
        CategoryPicker.bind(categoriesBox, model.categoryCodes(), model.categories(), model::categoryName);
        certifiedByField.textProperty().bindBidirectional(model.certifiedByProperty());
        certifiedOnPicker.valueProperty().bindBidirectional(model.certifiedOnProperty());
        employeeEndedPicker.valueProperty().bindBidirectional(model.employeeInsuranceEndedOnProperty());
        graduationYearField.textProperty().bindBidirectional(model.graduationYearProperty());
        historyLabel.textProperty().bind(model.historyTextProperty());
        declaredYearsField.textProperty().bindBidirectional(model.declaredYearsProperty());
        declaredEvidenceField.textProperty().bindBidirectional(model.declaredEvidenceProperty());
        coveredYearsField.textProperty().bindBidirectional(model.coveredYearsProperty());
        repairBox.getItems().setAll(MemberColumns.REPAIR_CHOICES);
        repairBox.valueProperty().bindBidirectional(model.repairYearsProperty());

        List<java.util.Map.Entry<String, Control>> fields = household ? List.of(
                java.util.Map.entry("name", nameField), java.util.Map.entry("idNumber", idNumberField),
                java.util.Map.entry("ethnicity", ethnicityField), java.util.Map.entry("tier", tierBox),
                java.util.Map.entry("employeeInsuranceEndedOn", employeeEndedPicker),
                java.util.Map.entry("graduationYear", graduationYearField),
                java.util.Map.entry("declaredYears", declaredYearsField),
                java.util.Map.entry("declaredEvidence", declaredEvidenceField),
                java.util.Map.entry("repairYears", repairBox))
                : List.of(java.util.Map.entry("idNumber", idNumberField),
                java.util.Map.entry("birthDate", birthDatePicker),
                java.util.Map.entry("birthCertificateNo", birthCertificateField),
                java.util.Map.entry("tier", tierBox), java.util.Map.entry("categories[0]", categoriesBox),
                java.util.Map.entry("employeeInsuranceEndedOn", employeeEndedPicker),
                java.util.Map.entry("graduationYear", graduationYearField),
                java.util.Map.entry("coveredYears", coveredYearsField),
                java.util.Map.entry("repairYears", repairBox));
        fields.forEach(field -> Decorations.bind(model.errors(), model.key(field.getKey()), field.getValue()));
        EnterKey.runs(form, this::add);
    }

    /** Puts the cursor in the form's first field (the name, or the ID number on 费用测算). */
    public void focusFirstField() {
        (viewModel.use() == MemberFormViewModel.Use.HOUSEHOLD ? nameField : idNumberField).requestFocus();
    }

    @FXML
    private void add() {
        if (viewModel.add()) {
            focusFirstField();
        }
    }

    private List<Place> householdPlaces() {
        return List.of(
                new Place(nameLabel, 0, 0, 1), new Place(nameField, 1, 0, 1),
                new Place(idNumberLabel, 2, 0, 1), new Place(idNumberField, 3, 0, 1),
                new Place(relationLabel, 4, 0, 1), new Place(relationField, 5, 0, 1),
                new Place(ethnicityLabel, 6, 0, 1), new Place(ethnicityField, 7, 0, 1),
                new Place(tierLabel, 0, 1, 1), new Place(tierBox, 1, 1, 1),
                new Place(categoriesLabel, 2, 1, 1), new Place(categoriesBox, 3, 1, 1),
                new Place(certifiedByLabel, 4, 1, 1), new Place(certifiedByField, 5, 1, 1),
                new Place(certifiedOnLabel, 6, 1, 1), new Place(certifiedOnPicker, 7, 1, 1),
                new Place(employeeEndedLabel, 0, 2, 1), new Place(employeeEndedPicker, 1, 2, 1),
                new Place(graduationYearLabel, 2, 2, 1), new Place(graduationYearField, 3, 2, 1),
                new Place(addButton, 5, 2, 3),
                new Place(historyTitleLabel, 0, 3, 1), new Place(historyLabel, 1, 3, 7),
                new Place(declaredYearsLabel, 0, 4, 1), new Place(declaredYearsField, 1, 4, 1),
                new Place(declaredEvidenceLabel, 2, 4, 1), new Place(declaredEvidenceField, 3, 4, 1),
                new Place(repairLabel, 4, 4, 1), new Place(repairBox, 5, 4, 1));
    }

    private List<Place> quotePlaces() {
        return List.of(
                new Place(idNumberLabel, 0, 0, 1), new Place(idNumberField, 1, 0, 1),
                new Place(birthDateLabel, 2, 0, 1), new Place(birthDatePicker, 3, 0, 1),
                new Place(birthCertificateLabel, 4, 0, 1), new Place(birthCertificateField, 5, 0, 1),
                new Place(addButton, 7, 0, 1),
                new Place(tierLabel, 0, 1, 1), new Place(tierBox, 1, 1, 1),
                new Place(categoriesLabel, 2, 1, 1), new Place(categoriesBox, 3, 1, 1),
                new Place(employeeEndedLabel, 4, 1, 1), new Place(employeeEndedPicker, 5, 1, 1),
                new Place(graduationYearLabel, 6, 1, 1), new Place(graduationYearField, 7, 1, 1),
                new Place(coveredYearsLabel, 0, 2, 1), new Place(coveredYearsField, 1, 2, 1),
                new Place(repairLabel, 2, 2, 1), new Place(repairBox, 3, 2, 1));
    }

    /**
     * Offers the words that start with what is typed; a word typed in full offers nothing more, and a
     * click elsewhere closes the list and still lands where it was aimed.
     */
    private static void typeAhead(TextField field, List<String> words) {
        var binding = org.controlsfx.control.textfield.TextFields.bindAutoCompletion(field, request -> {
            String start = request.getUserText() == null ? "" : request.getUserText().strip();
            if (start.isEmpty() || words.contains(start)) {
                return List.<String>of();
            }
            return words.stream().filter(word -> word.startsWith(start)).toList();
        });
        binding.getAutoCompletionPopup().setConsumeAutoHidingEvents(false);
    }
}
