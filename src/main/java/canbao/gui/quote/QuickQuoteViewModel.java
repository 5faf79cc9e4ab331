package canbao.gui.quote;

import canbao.gui.common.FieldErrors;
import canbao.gui.common.MemberRow;
import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Tier;
import canbao.model.Validated;
import canbao.policy.MemberDraft;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 费用测算: a walk-in types members ad hoc (an ID number is enough) and sees what each pays, the
 * total and the 一档/二档 comparison. Nothing is saved.
 */
public class QuickQuoteViewModel {

    private final PolicyLibrary library;
    private final QuoteRequestValidator validator;
    private final QuoteEngine engine;
    private final Locale locale;

    private final ObservableList<Integer> years = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> policyYear = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> paymentDate = new SimpleObjectProperty<>();
    private final ObservableList<String> categoryCodes = FXCollections.observableArrayList();

    // the member being typed
    private final StringProperty idNumber = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> birthDate = new SimpleObjectProperty<>();
    private final StringProperty birthCertificateNo = new SimpleStringProperty("");
    private final ObjectProperty<Tier> tier = new SimpleObjectProperty<>(Tier.ONE);
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObjectProperty<LocalDate> employeeInsuranceEndedOn = new SimpleObjectProperty<>();
    private final StringProperty graduationYear = new SimpleStringProperty("");

    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ObjectProperty<MemberRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final FieldErrors errors;

    public QuickQuoteViewModel(PolicyLibrary library, QuoteEngine engine, Clock clock, Locale locale) {
        this.library = library;
        this.validator = new QuoteRequestValidator(library, clock);
        this.engine = engine;
        this.locale = locale;
        this.errors = new FieldErrors(locale);
        years.setAll(library.years());
        policyYear.addListener((o, old, year) -> {
            categoryCodes.setAll(year == null ? List.of()
                    : new ArrayList<>(library.table(year).orElseThrow().categories().keySet()));
            requote();
        });
        policyYear.set(library.years().last());
        paymentDate.set(LocalDate.now(clock));
        paymentDate.addListener((o, old, date) -> requote());
        selected.addListener((o, old, row) -> explanation.set(explain(row)));
    }

    /** Checks the typed member; adds it and clears the entry, or shows what is wrong next to each field. */
    public boolean addMember() {
        MemberDraft draft = new MemberDraft(null, idNumber.get(), birthDate.get(), birthCertificateNo.get(),
                tier.get() == null ? null : tier.get().number(), List.copyOf(categories),
                employeeInsuranceEndedOn.get(), parseYear());
        if (errors.get("graduationYear") != null) {
            return false;
        }
        Validated<PersonFacts> checked = validator.validateMember(draft, table(), paymentDate.get());
        errors.show("", checked.problems());
        if (!checked.isValid()) {
            return false;
        }
        MemberRow row = new MemberRow(draft, null, null, null);
        members.add(row);
        requote();
        idNumber.set("");
        birthDate.set(null);
        birthCertificateNo.set("");
        categories.clear();
        employeeInsuranceEndedOn.set(null);
        graduationYear.set("");
        return true;
    }

    public void removeSelected() {
        MemberRow row = selected.get();
        if (row != null) {
            members.remove(row);
            requote();
        }
    }

    public void clear() {
        members.clear();
        errors.clear("");
        requote();
    }

    private Integer parseYear() {
        errors.clear("graduationYear");
        String text = graduationYear.get() == null ? "" : graduationYear.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            errors.show("graduationYear", List.of(canbao.model.Problem.of("", "graduationYear.range", text)));
            return null;
        }
    }

    private PolicyTable table() {
        return policyYear.get() == null ? null : library.table(policyYear.get()).orElse(null);
    }

    /** Recomputes every row, the total and the whole family on 一档 and on 二档. */
    void requote() {
        PolicyTable table = table();
        LocalDate date = paymentDate.get();
        Money sum = Money.ZERO;
        Money allOne = Money.ZERO;
        Money allTwo = Money.ZERO;
        for (MemberRow row : members) {
            if (table == null || date == null) {
                row.setQuote(null);
                continue;
            }
            Validated<PersonFacts> facts = validator.validateMember(row.draft(), table, date);
            if (!facts.isValid()) {
                row.setQuote(null);
                row.problemProperty().set(facts.problems().get(0).message(locale));
                continue;
            }
            row.problemProperty().set(null);
            MemberQuote quote = engine.quote(table, facts.value(), date);
            row.setQuote(quote);
            if (quote.eligible()) {
                sum = sum.plus(quote.payable());
            }
            allOne = allOne.plus(payableOn(table, facts.value(), Tier.ONE, date));
            allTwo = allTwo.plus(payableOn(table, facts.value(), Tier.TWO, date));
        }
        total.set(Localization.format(locale, "quote.total", sum));
        comparison.set(members.isEmpty() ? "" : Localization.format(locale, "quote.comparison", allOne, allTwo));
        explanation.set(explain(selected.get()));
    }

    private Money payableOn(PolicyTable table, PersonFacts person, Tier other, LocalDate date) {
        PersonFacts onTier = new PersonFacts(person.name(), person.idNumber(), person.birthCertificateNo(),
                person.birthDate(), person.sex(), other, person.categories(), person.employeeInsuranceEndedOn(),
                person.graduationYear());
        MemberQuote quote = engine.quote(table, onTier, date);
        return quote.eligible() ? quote.payable() : Money.ZERO;
    }

    private String explain(MemberRow row) {
        if (row == null || row.quote() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(row.quote().explanation()).append('\n');
        row.quote().rules().forEach(rule -> text.append("· ").append(rule.text()).append("（").append(rule.cite())
                .append("）\n"));
        return text.toString();
    }

    public ObservableList<Integer> years() {
        return years;
    }

    public ObjectProperty<Integer> policyYearProperty() {
        return policyYear;
    }

    public ObjectProperty<LocalDate> paymentDateProperty() {
        return paymentDate;
    }

    public ObservableList<String> categoryCodes() {
        return categoryCodes;
    }

    public String categoryName(String code) {
        PolicyTable table = table();
        return table == null ? code : table.category(code).map(PolicyTable.Category::name).orElse(code);
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

    public ObjectProperty<Tier> tierProperty() {
        return tier;
    }

    public ObservableList<String> categories() {
        return categories;
    }

    public ObjectProperty<LocalDate> employeeInsuranceEndedOnProperty() {
        return employeeInsuranceEndedOn;
    }

    public StringProperty graduationYearProperty() {
        return graduationYear;
    }

    public ObservableList<MemberRow> members() {
        return members;
    }

    public ObjectProperty<MemberRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public FieldErrors errors() {
        return errors;
    }
}
