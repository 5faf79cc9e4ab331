package canbao.gui.newborn;

import canbao.gui.common.FieldErrors;
import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.model.Location;
import canbao.model.MemberQuote;
import canbao.model.NewbornPending;
import canbao.model.PersonHit;
import canbao.model.Problem;
import canbao.model.Tier;
import canbao.model.Validated;
import canbao.policy.MemberDraft;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.service.NewbornWorklist;
import canbao.store.PersonSearch;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
 * 新生儿登记: birth date, 出生医学证明 number, guardian found by ID number, and the choice between
 * coverage with the guardian (no fee) and enrolling on its own; shows the 90-day deadline, days left
 * and the quote; keeps the worklist of registered newborns not yet paid.
 */
public class NewbornRegistrationViewModel {

    /** How the newborn is covered for its birth year. */
    public enum Coverage {
        WITH_GUARDIAN, OWN, REGISTER_ONLY;

        public String messageKey() {
            return "newborn.coverage." + name().toLowerCase(Locale.ROOT);
        }
    }


    private final HouseholdService households;
    private final PersonSearch search;
    private final NewbornWorklist worklist;
    private final PolicyLibrary library;
    private final QuoteRequestValidator validator;
    private final QuoteEngine engine;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final String operator;
    private final Locale locale;

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> birthDate = new SimpleObjectProperty<>();
    private final StringProperty birthCertificateNo = new SimpleStringProperty("");
    private final StringProperty relation = new SimpleStringProperty("");
    private final StringProperty guardianIdNumber = new SimpleStringProperty("");
    private final ObjectProperty<PersonHit> guardian = new SimpleObjectProperty<>();
    private final ObjectProperty<Coverage> coverage = new SimpleObjectProperty<>(Coverage.WITH_GUARDIAN);
    private final ObjectProperty<Tier> tier = new SimpleObjectProperty<>(Tier.ONE);
    private final ObjectProperty<LocalDate> paymentDate = new SimpleObjectProperty<>();
    private final StringProperty receiptNo = new SimpleStringProperty("");

    private final ReadOnlyStringWrapper guardianText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper deadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper quote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper alternative = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<NewbornPending> pending = FXCollections.observableArrayList();
    private final FieldErrors errors;

    public NewbornRegistrationViewModel(HouseholdService households, PersonSearch search, NewbornWorklist worklist,
                                        PolicyLibrary library, QuoteEngine engine, TaskExecutor tasks, Clock clock,
                                        String operator, Locale locale) {
        this.households = households;
        this.search = search;
        this.worklist = worklist;
        this.library = library;
        this.validator = new QuoteRequestValidator(library, clock);
        this.engine = engine;
        this.tasks = tasks;
        this.clock = clock;
        this.operator = operator;
        this.locale = locale;
        this.errors = new FieldErrors(locale);
        paymentDate.set(LocalDate.now(clock));
        birthDate.addListener((o, old, value) -> requote());
        birthCertificateNo.addListener((o, old, value) -> requote());
        coverage.addListener((o, old, value) -> requote());
        tier.addListener((o, old, value) -> requote());
        paymentDate.addListener((o, old, value) -> requote());
        guardian.addListener((o, old, hit) -> guardianText.set(hit == null ? ""
                : Localization.format(locale, "newborn.guardianFound", hit.name(), hit.householdNumber(),
                hit.village())));
    }

    /** Looks the guardian up by ID number; the newborn joins the guardian's household. */
    public void findGuardian() {
        String idNumber = guardianIdNumber.get() == null ? "" : guardianIdNumber.get().strip();
        errors.clear("guardian");
        // only an ID number identifies a guardian: a name could match someone else
        tasks.execute(() -> idNumber.length() == 18 ? search.search(idNumber, 1) : List.<PersonHit>of(), hits -> {
            if (hits.isEmpty()) {
                guardian.set(null);
                errors.show("guardian", List.of(Problem.of("", "enrollment.guardianNotFound")));
            } else {
                guardian.set(hits.get(0));
            }
        }, failure -> status.set(failure.getMessage()));
    }

    void requote() {
        LocalDate birth = birthDate.get();
        quote.set("");
        alternative.set("");
        deadline.set("");
        if (birth == null) {
            return;
        }
        LocalDate due = worklist.deadline(birth);
        deadline.set(deadlineText(due));
        PolicyTable table = library.table(birth.getYear()).orElse(null);
        if (table == null) {
            quote.set(Localization.format(locale, "policyYear.noTable", birth.getYear(), library.yearsText()));
            return;
        }
        PersonFacts facts = facts(birth);
        if (coverage.get() == Coverage.WITH_GUARDIAN) {
            quote.set(describe(engine.quoteWithGuardian(table, facts)));
        } else if (paymentDate.get() != null) {
            quote.set(describe(engine.quote(table, facts, paymentDate.get())));
            // born in the last days of the year: the next year's enrolment is also open to it (POLICY.md)
            library.table(birth.getYear() + 1).filter(next -> due.getYear() > birth.getYear()).ifPresent(next ->
                    alternative.set(Localization.format(locale, "newborn.nextYear", next.year(),
                            describe(engine.quote(next, facts, paymentDate.get())))));
        }
    }

    /**
     * The 90 days, said once and consistently with the quote below it: for a newborn paying on its
     * own, counted to the payment date (the quote's rule); with a guardian, there is no deadline
     * (seed 003: covered from birth without paying); registered to pay later, counted to today.
     */
    private String deadlineText(LocalDate due) {
        if (coverage.get() == Coverage.WITH_GUARDIAN) {
            return Localization.text(locale, "newborn.withGuardianNoDeadline");
        }
        if (coverage.get() == Coverage.OWN && paymentDate.get() != null) {
            long late = ChronoUnit.DAYS.between(due, paymentDate.get());
            return late <= 0 ? Localization.format(locale, "newborn.paidWithin", due)
                    : Localization.format(locale, "newborn.paidAfter", due, late);
        }
        long left = ChronoUnit.DAYS.between(LocalDate.now(clock), due);
        return left >= 0 ? Localization.format(locale, "newborn.deadline", due, left)
                : Localization.format(locale, "newborn.deadlinePassed", due, -left);
    }

    private PersonFacts facts(LocalDate birth) {
        return new PersonFacts(name.get(), null, birthCertificateNo.get(), birth, null,
                tier.get() == null ? Tier.ONE : tier.get(), List.of(), null, null);
    }

    private static String describe(MemberQuote quote) {
        return quote.eligible() ? quote.explanation() : quote.reason();
    }

    public void save() {
        List<Problem> problems = new ArrayList<>();
        if (name.get() == null || name.get().isBlank()) {
            problems.add(Problem.of("name", "field.missing"));
        }
        MemberDraft draft = new MemberDraft(name.get(), null, birthDate.get(), birthCertificateNo.get(),
                coverage.get() == Coverage.OWN ? tier.get().number() : null, List.of(), null, null);
        Validated<PersonFacts> checked = validator.validatePerson(draft, null,
                coverage.get() == Coverage.OWN ? paymentDate.get() : null, false);
        for (Problem problem : checked.problems()) {
            // a newborn has no ID number yet: the identity problem belongs to the certificate field
            problems.add(problem.location().equals(Location.field("idNumber"))
                    ? problem.at(Location.field("birthCertificateNo")) : problem);
        }
        if (guardian.get() == null) {
            problems.add(Problem.of("guardian", "enrollment.guardianNotFound"));
        }
        errors.show("", problems);
        if (!problems.isEmpty()) {
            return;
        }
        PersonHit household = guardian.get();
        int year = birthDate.get().getYear();
        HouseholdEntry.EnrollmentRequest enrollment = switch (coverage.get()) {
            case WITH_GUARDIAN -> new HouseholdEntry.EnrollmentRequest(year, null, null, null, null,
                    guardianIdNumber.get().strip());
            case OWN -> new HouseholdEntry.EnrollmentRequest(year, tier.get().number(), paymentDate.get(),
                    blankToNull(receiptNo.get()), null, null);
            case REGISTER_ONLY -> null;
        };
        HouseholdEntry entry = new HouseholdEntry(household.householdNumber(), household.village(), null, null, null,
                List.of(new HouseholdEntry.Member(name.get(), null, birthDate.get(), birthCertificateNo.get(),
                        blankToNull(relation.get()), null, null, null, null, enrollment)));
        String who = name.get().strip();
        tasks.execute(() -> households.save(entry, operator), result -> {
            if (result.isValid()) {
                status.set(Localization.format(locale, "newborn.saved", who,
                        Localization.text(locale, coverage.get().messageKey())));
                refreshWorklist();
            } else {
                List<Problem> shown = new ArrayList<>();
                for (Problem problem : result.problems()) {
                    // the one member's field is the form's field of that name
                    Location at = problem.location() instanceof Location.Member member ? member.within()
                            : problem.location();
                    shown.add(problem.at(at.name().startsWith("enrollment.withGuardian") ? Location.field("guardian") : at));
                }
                errors.show("", shown);
                status.set(Localization.format(locale, "enroll.refused", String.join("；",
                        shown.stream().map(p -> p.message(locale)).toList())));
            }
        }, failure -> status.set(failure.getMessage()));
    }

    public void refreshWorklist() {
        tasks.execute(worklist::pending, pending::setAll, failure -> status.set(failure.getMessage()));
    }

    public boolean isUrgent(NewbornPending newborn) {
        return newborn.daysLeft() <= NewbornWorklist.URGENT_DAYS;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public StringProperty nameProperty() {
        return name;
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

    public StringProperty guardianIdNumberProperty() {
        return guardianIdNumber;
    }

    public ObjectProperty<Coverage> coverageProperty() {
        return coverage;
    }

    public ObjectProperty<Tier> tierProperty() {
        return tier;
    }

    public ObjectProperty<LocalDate> paymentDateProperty() {
        return paymentDate;
    }

    public StringProperty receiptNoProperty() {
        return receiptNo;
    }

    public ReadOnlyStringProperty guardianTextProperty() {
        return guardianText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deadlineProperty() {
        return deadline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty quoteProperty() {
        return quote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty alternativeProperty() {
        return alternative.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<NewbornPending> pending() {
        return pending;
    }

    public FieldErrors errors() {
        return errors;
    }

    // ---- card reader (issue 18): the guardian's card fills the guardian's number and finds the guardian ----

    private canbao.gui.common.CardReading cardReading;

    public void useCardReader(canbao.device.CardReader reader) {
        cardReading().useReader(reader);
    }

    public canbao.gui.common.CardReading cardReading() {
        if (cardReading == null) {
            cardReading = new canbao.gui.common.CardReading(tasks, clock, locale);
            cardReading.onCard((card, check) -> {
                guardianIdNumber.set(canbao.model.PersonKey.cleaned(card.idNumber()));
                // the guardian's card only identifies the guardian: an expired one is said, not refused
                cardReading.say(check.expiredOn().map(cardReading::expiredText)
                        .map(expired -> Localization.format(locale, "reader.guardianExpired", expired))
                        .orElse(Localization.text(locale, "reader.guardian")));
                findGuardian();
            });
        }
        return cardReading;
    }
}
