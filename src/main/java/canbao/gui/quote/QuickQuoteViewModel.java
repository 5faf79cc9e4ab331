package canbao.gui.quote;

import canbao.gui.common.FamilyQuotes;
import canbao.gui.common.FieldErrors;
import canbao.gui.common.MemberFormViewModel;
import canbao.gui.common.PolicyYearChoice;
import canbao.gui.common.MemberRow;
import canbao.model.Localization;
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

    private final PolicyYearChoice year;
    private final QuoteRequestValidator validator;
    private final FamilyQuotes quotes;
    private final Locale locale;

    private final ObjectProperty<LocalDate> paymentDate = new SimpleObjectProperty<>();

    /** the member being typed (fxml/MemberForm.fxml) */
    private final MemberFormViewModel form;

    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ObjectProperty<MemberRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper provisionalNote = new ReadOnlyStringWrapper("");
    private final FieldErrors errors;

    public QuickQuoteViewModel(PolicyLibrary library, QuoteEngine engine, Clock clock, Locale locale) {
        this.validator = new QuoteRequestValidator(library, clock);
        this.quotes = new FamilyQuotes(validator, engine, locale);
        this.locale = locale;
        this.errors = new FieldErrors(locale);
        this.year = new PolicyYearChoice(library, clock, this::requote);
        this.form = new MemberFormViewModel(MemberFormViewModel.Use.QUOTE, errors, "", year);
        form.onAdd(this::addMember);
        form.onIdNumberLeft(this::checkIdNumber);
        paymentDate.set(LocalDate.now(clock));
        paymentDate.addListener((o, old, date) -> requote());
        selected.addListener((o, old, row) -> explanation.set(FamilyQuotes.explain(row)));
    }

    /** Checks the typed member; adds it and clears the entry, or shows what is wrong next to each field. */
    public boolean addMember() {
        List<canbao.model.Problem> yearProblems = new java.util.ArrayList<>();
        List<Integer> covered = form.coveredYears(yearProblems);
        List<canbao.model.Problem> graduationProblems = new java.util.ArrayList<>();
        Integer graduation = form.graduationYear(graduationProblems);
        form.show("graduationYear", graduationProblems);
        MemberDraft draft = form.draft(graduation, covered);
        if (!yearProblems.isEmpty()) {
            form.show(yearProblems);
            return false;
        }
        if (form.error("graduationYear") != null) {
            return false;
        }
        Validated<PersonFacts> checked = validator.validateMember(draft, table(), paymentDate.get());
        form.show(checked.problems());
        if (!checked.isValid()) {
            return false;
        }
        if (listed(checked.value())) {
            // a card read twice, or the same number typed again: one person is quoted once
            form.show("idNumber", List.of(canbao.model.Problem.of("", "member.repeated")));
            return false;
        }
        MemberRow row = new MemberRow(draft, null, null, null);
        members.add(row);
        requote();
        form.clear();
        return true;
    }

    /** Whether the person is already a member of this quote: the same person key as the household rule's. */
    private boolean listed(PersonFacts person) {
        String key = canbao.model.PersonKey.of(person.idNumber(), person.birthCertificateNo());
        return !canbao.model.PersonKey.isNone(key) && members.stream()
                .map(row -> canbao.model.PersonKey.lookups(row.draft().idNumber(), row.draft().birthCertificateNo()))
                .anyMatch(keys -> !keys.isEmpty() && keys.get(0).equals(key));
    }

    /** Leaving the ID number field: says at once what is wrong with it (or clears the old message). */
    public void checkIdNumber() {
        form.show("idNumber", validator.checkIdNumber(form.idNumberProperty().get()));
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

    private PolicyTable table() {
        return year.table();
    }

    /** Recomputes every row, the total and the whole family on 一档 and on 二档. */
    void requote() {
        FamilyQuotes.Totals totals = quotes.requote(members, table(), paymentDate.get());
        total.set(Localization.format(locale, "quote.total", totals.payable()));
        comparison.set(members.isEmpty() ? ""
                : Localization.format(locale, "quote.comparison", totals.allOnTierOne(), totals.allOnTierTwo()));
        explanation.set(FamilyQuotes.explain(selected.get()));
        provisionalNote.set(totals.provisional() ? Localization.text(locale, "quote.provisionalLegend") : "");
    }

    public ReadOnlyStringProperty provisionalNoteProperty() {
        return provisionalNote.getReadOnlyProperty();
    }

    /** The member being typed. */
    public MemberFormViewModel memberForm() {
        return form;
    }



    public ObservableList<Integer> years() {
        return year.years();
    }

    public ObjectProperty<Integer> policyYearProperty() {
        return year.yearProperty();
    }

    public ObjectProperty<LocalDate> paymentDateProperty() {
        return paymentDate;
    }

    public ObservableList<String> categoryCodes() {
        return year.categoryCodes();
    }

    public String categoryName(String code) {
        return year.categoryName(code);
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

    // ---- card reader (issue 18): a walk-in's card adds the member (birth date and sex from the number) ----

    private canbao.gui.common.CardReading cardReading;

    /** The reader this screen polls, the executor its reads run on and the counter's today. */
    public void useCardReader(canbao.device.CardReader reader, canbao.gui.common.TaskExecutor tasks, Clock clock) {
        cardReading = new canbao.gui.common.CardReading(tasks, clock, locale);
        cardReading.useReader(reader);
        cardReading.onCard((card, check) -> {
            form.idNumberProperty().set(canbao.model.PersonKey.cleaned(card.idNumber()));
            if (addMember()) {
                // nothing is saved here: an expired card is said, not refused
                cardReading.say(check.expiredOn().map(cardReading::expiredText)
                        .map(expired -> canbao.model.Localization.format(locale, "reader.quotedExpired", expired))
                        .orElse(canbao.model.Localization.text(locale, "reader.quoted")));
            } else if (form.error("idNumber") != null) {
                cardReading.say(form.error("idNumber"));
            }
        });
    }

    /** The screen's reading, or null when no reader was given (the strip is then hidden). */
    public canbao.gui.common.CardReading cardReading() {
        return cardReading;
    }
}
