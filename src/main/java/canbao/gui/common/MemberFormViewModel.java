package canbao.gui.common;

import canbao.model.Location;
import canbao.model.Problem;
import canbao.model.Tier;
import canbao.policy.MemberDraft;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The member being typed (fxml/MemberForm.fxml), shared by 家庭参保登记 and 费用测算: its fields, the
 * problems shown next to them (placed by their {@link Location}, whoever found them), the draft the
 * validator checks, and the form cleared for the next member. The screen says what Enter does with
 * the member ({@link #onAdd}) and what leaving the ID number checks ({@link #onIdNumberLeft}).
 */
public class MemberFormViewModel {

    /** Which fields a screen's form shows. */
    public enum Use {
        /** 家庭参保登记: name, relation, ethnicity, certification, history, declared years and evidence */
        HOUSEHOLD,
        /** 费用测算: an ID number is enough, or a birth date and certificate; covered years as the family says */
        QUOTE
    }

    private final Use use;
    private final FieldErrors errors;
    private final String part;
    private final PolicyYearChoice year;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty idNumber = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> birthDate = new SimpleObjectProperty<>();
    private final StringProperty birthCertificateNo = new SimpleStringProperty("");
    private final StringProperty relation = new SimpleStringProperty("");
    private final StringProperty ethnicity = new SimpleStringProperty("汉");
    private final ObjectProperty<Tier> tier = new SimpleObjectProperty<>(Tier.ONE);
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final StringProperty certifiedBy = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> certifiedOn = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> employeeInsuranceEndedOn = new SimpleObjectProperty<>();
    private final StringProperty graduationYear = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper historyText = new ReadOnlyStringWrapper("");
    /** years the clerk declares covered (家庭参保登记), with the evidence note */
    private final StringProperty declaredYears = new SimpleStringProperty("");
    private final StringProperty declaredEvidence = new SimpleStringProperty("");
    /** years the person was covered, as the family says (费用测算); blank = not given */
    private final StringProperty coveredYears = new SimpleStringProperty("");
    private final ObjectProperty<Integer> repairYears = new SimpleObjectProperty<>(0);

    private BooleanSupplier add = () -> false;
    private Runnable idNumberLeft = () -> { };

    /**
     * @param errors the screen's field errors, so one status and one "first field in error" covers the form
     * @param part   the form's fields are named in {@code errors} under this ("member" → member.idNumber; "": idNumber)
     * @param year   the screen's policy year, whose table offers the subsidy categories
     */
    public MemberFormViewModel(Use use, FieldErrors errors, String part, PolicyYearChoice year) {
        this.use = use;
        this.errors = errors;
        this.part = part;
        this.year = year;
    }

    public FieldErrors errors() {
        return errors;
    }

    /** The categories the year's table offers, for the 资助类别 picker. */
    public ObservableList<String> categoryCodes() {
        return year.categoryCodes();
    }

    /** A category's name in the year's table (DIBAO → 低保对象…). */
    public String categoryName(String code) {
        return year.categoryName(code);
    }

    public Use use() {
        return use;
    }

    /** What Enter (or 添加) does with the member typed: true when it was taken (the form is then clear). */
    public void onAdd(BooleanSupplier action) {
        this.add = action;
    }

    public void onIdNumberLeft(Runnable action) {
        this.idNumberLeft = action;
    }

    public boolean add() {
        return add.getAsBoolean();
    }

    public void idNumberLeft() {
        idNumberLeft.run();
    }

    /** The name in the screen's errors of the form's field {@code field}: "member.idNumber", or "idNumber". */
    public String key(String field) {
        return part.isEmpty() ? field : part + "." + field;
    }

    /**
     * Shows these problems next to the form's fields (every earlier one of the form goes): a problem of
     * a member's field (the validator's, a save's) is placed at that field of the form.
     */
    public void show(List<Problem> problems) {
        errors.show(part, problems.stream().map(MemberFormViewModel::inForm).toList());
    }

    /** Shows these problems of one field (leaving the ID number, a year typed), replacing that field's. */
    public void show(String field, List<Problem> problems) {
        errors.show(key(field), problems.stream().map(problem -> problem.at(Location.NONE)).toList());
    }

    public String error(String field) {
        return errors.get(key(field));
    }

    private static Problem inForm(Problem problem) {
        return problem.location() instanceof Location.Member member ? problem.at(member.within()) : problem;
    }

    /** The graduation year typed; null when blank, and a problem of that field when it is no number. */
    public Integer graduationYear(List<Problem> problems) {
        String text = graduationYear.get() == null ? "" : graduationYear.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(Problem.of("graduationYear", "graduationYear.range", text));
            return null;
        }
    }

    /**
     * The member typed, for the validator: birth date and certificate as the form holds them (for a
     * member put back to be changed, as stored), the covered years the caller has gathered.
     */
    public MemberDraft draft(Integer graduation, List<Integer> covered) {
        return new MemberDraft(blankToNull(name.get()), idNumber.get(), birthDate.get(), blankToNull(birthCertificateNo.get()),
                tier.get() == null ? null : tier.get().number(), List.copyOf(categories),
                employeeInsuranceEndedOn.get(), graduation, covered, repairYears.get());
    }

    /**
     * The covered years typed (费用测算), null when none are; a word that is no year is a problem of
     * that field.
     */
    public List<Integer> coveredYears(List<Problem> problems) {
        List<Integer> covered = YearsText.parse(coveredYears.get(), "coveredYears", problems);
        return coveredYears.get() == null || coveredYears.get().isBlank() ? null : covered;
    }

    /** Puts a member into the form to be changed. */
    public void fill(MemberRow row) {
        MemberDraft draft = row.draft();
        name.set(draft.name());
        idNumber.set(draft.idNumber() == null ? "" : draft.idNumber());
        birthDate.set(draft.birthDate());
        birthCertificateNo.set(draft.birthCertificateNo() == null ? "" : draft.birthCertificateNo());
        relation.set(row.relation() == null ? "" : row.relation());
        ethnicity.set(row.ethnicity() == null ? "" : row.ethnicity());
        tier.set(draft.tier() == null ? Tier.ONE : Tier.ofNumber(draft.tier()).orElse(Tier.ONE));
        categories.setAll(draft.categories());
        certifiedBy.set(row.certifiedBy() == null ? "" : row.certifiedBy());
        certifiedOn.set(row.certifiedOn());
        employeeInsuranceEndedOn.set(draft.employeeInsuranceEndedOn());
        graduationYear.set(draft.graduationYear() == null ? "" : String.valueOf(draft.graduationYear()));
        repairYears.set(draft.repairYears() == null ? 0 : draft.repairYears());
    }

    /** Empties the form for the next member; the tier and the ethnicity stay as the family's last. */
    public void clear() {
        name.set("");
        idNumber.set("");
        birthDate.set(null);
        birthCertificateNo.set("");
        relation.set("");
        categories.clear();
        certifiedBy.set("");
        certifiedOn.set(null);
        employeeInsuranceEndedOn.set(null);
        graduationYear.set("");
        historyText.set("");
        declaredYears.set("");
        declaredEvidence.set("");
        coveredYears.set("");
        repairYears.set(0);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty idNumberProperty() {
        return idNumber;
    }

    public ObjectProperty<LocalDate> birthDateProperty() {
        return birthDate;
    }

    public StringProperty birthCertificateNoProperty() {
        return birthCertificateNo;
    }

    public StringProperty relationProperty() {
        return relation;
    }

    public StringProperty ethnicityProperty() {
        return ethnicity;
    }

    public ObjectProperty<Tier> tierProperty() {
        return tier;
    }

    public ObservableList<String> categories() {
        return categories;
    }

    public StringProperty certifiedByProperty() {
        return certifiedBy;
    }

    public ObjectProperty<LocalDate> certifiedOnProperty() {
        return certifiedOn;
    }

    public ObjectProperty<LocalDate> employeeInsuranceEndedOnProperty() {
        return employeeInsuranceEndedOn;
    }

    public StringProperty graduationYearProperty() {
        return graduationYear;
    }

    /** What the store and the hub know of the member's coverage, in words (家庭参保登记). */
    public ReadOnlyStringProperty historyTextProperty() {
        return historyText.getReadOnlyProperty();
    }

    public void setHistoryText(String text) {
        historyText.set(text);
    }

    public StringProperty declaredYearsProperty() {
        return declaredYears;
    }

    public StringProperty declaredEvidenceProperty() {
        return declaredEvidence;
    }

    public StringProperty coveredYearsProperty() {
        return coveredYears;
    }

    public ObjectProperty<Integer> repairYearsProperty() {
        return repairYears;
    }
}
