package canbao.gui.enroll;

import canbao.gui.common.CoverageLookup;
import canbao.gui.common.DialogService;
import canbao.gui.common.FamilyQuotes;
import canbao.gui.common.FieldErrors;
import canbao.gui.common.MemberFormViewModel;
import canbao.gui.common.MemberRow;
import canbao.gui.common.PolicyYearChoice;
import canbao.gui.common.TaskExecutor;
import canbao.gui.common.YearsText;
import canbao.report.Printing;
import canbao.report.Printouts;
import canbao.model.Enrollment;
import canbao.model.Localization;
import canbao.model.Money;
import canbao.model.PersonCategory;
import canbao.model.PersonHit;
import canbao.model.Problem;
import canbao.model.Tier;
import canbao.model.Validated;
import canbao.policy.KnownHistory;
import canbao.policy.MemberDraft;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import canbao.policy.QuoteSnapshot;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.PersonSearch;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 家庭参保登记: find or create a household, add its members (Enter adds the next), see each
 * member's quote, the total and the 一档/二档 comparison, and save the family in one transaction.
 * Every figure comes from the engine; every check from the same service as {@code enroll}.
 */
public class HouseholdEnrollmentViewModel {


    private final HouseholdService households;
    private final PersonSearch search;
    private final PolicyYearChoice year;
    private final QuoteRequestValidator validator;
    private final FamilyQuotes quotes;
    private final TaskExecutor tasks;
    private final String operator;
    private final Locale locale;

    // search
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<PersonHit> hits = FXCollections.observableArrayList();

    // household
    private final StringProperty number = new SimpleStringProperty("");
    private final StringProperty village = new SimpleStringProperty("");
    private final StringProperty group = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty phone = new SimpleStringProperty("");

    // payment, for the whole family
    private final ObjectProperty<LocalDate> paymentDate = new SimpleObjectProperty<>();
    private final StringProperty receiptNo = new SimpleStringProperty("");

    // the member being typed, in the order of the paper form (fxml/MemberForm.fxml); the fields below are its
    private final MemberFormViewModel form;
    private final StringProperty name;
    private final StringProperty idNumber;
    private final StringProperty relation;
    private final StringProperty ethnicity;
    private final ObjectProperty<Tier> tier;
    private final ObservableList<String> categories;
    private final StringProperty certifiedBy;
    private final ObjectProperty<LocalDate> certifiedOn;
    private final ObjectProperty<LocalDate> employeeInsuranceEndedOn;
    // coverage history (POLICY.md, the 2025 waiting rule): what the store and the hub know, what the clerk declares
    private final ObjectProperty<KnownHistory> knownHistory = new SimpleObjectProperty<>(KnownHistory.NONE);
    private final StringProperty declaredYears;
    private final StringProperty declaredEvidence;
    private final ObjectProperty<Integer> repairYears;
    private final ReadOnlyStringWrapper provisionalNote = new ReadOnlyStringWrapper("");
    /** the stored member being edited in the form, if any */
    private MemberRow editing;
    private int editingIndex;

    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ObjectProperty<MemberRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final FieldErrors errors;
    private final Printouts printouts;
    private final Printing printing;
    private final Clock clock;
    /** The stored household on screen (opened or just saved), which the printouts are of. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<String> shown =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();

    private final CoverageLookup coverage;
    private DialogService dialogs = ANSWER_YES;

    // 按上年续保 on this screen (issue 15): the opened household's members paid last year and not yet this year
    private canbao.report.RenewalWorklist renewalWorklist;
    private canbao.service.RenewalService renewalService;
    private final ObservableList<canbao.report.RenewalWorklist.Member> renewable = FXCollections.observableArrayList();
    private final ObservableList<canbao.report.RenewalWorklist.Member> renewalChosen =
            FXCollections.observableArrayList();
    private final StringProperty renewalReceipt = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper renewalText = new ReadOnlyStringWrapper("");

    {
        // what the line says follows the members chosen
        renewalChosen.addListener((javafx.collections.ListChangeListener<Object>) change -> renewalText());
    }

    /** For scripts and tests that never leave work behind: every question is answered yes. */
    private static final DialogService ANSWER_YES = new DialogService() {
        @Override
        public boolean confirm(String title, String question, String yes, String no) {
            return true;
        }

        @Override
        public java.util.Optional<String> askText(String title, String question, int maxLength) {
            return java.util.Optional.empty();
        }
    };

    public HouseholdEnrollmentViewModel(HouseholdService households, PersonSearch search, PolicyLibrary library,
                                        QuoteEngine engine, TaskExecutor tasks, Clock clock, String operator,
                                        Locale locale, Printouts printouts) {
        this(households, search, library, engine, tasks, clock, operator, locale, printouts, CoverageLookup.NONE);
    }

    public HouseholdEnrollmentViewModel(HouseholdService households, PersonSearch search, PolicyLibrary library,
                                        QuoteEngine engine, TaskExecutor tasks, Clock clock, String operator,
                                        Locale locale, Printouts printouts, CoverageLookup coverage) {
        this(households, search, library, engine, tasks, clock, operator, locale, printouts, coverage,
                canbao.report.SystemPrinting.none());
    }

    /** Asks the operator before anything typed is thrown away (the window's dialogs). */
    public void useDialogs(DialogService service) {
        this.dialogs = service;
    }

    /**
     * @param coverage asked for a member's coverage history when the member is entered or opened (the
     *                 counter's store, and the hub when it answers)
     * @param printing the machine's printers
     */
    public HouseholdEnrollmentViewModel(HouseholdService households, PersonSearch search, PolicyLibrary library,
                                        QuoteEngine engine, TaskExecutor tasks, Clock clock, String operator,
                                        Locale locale, Printouts printouts, CoverageLookup coverage,
                                        Printing printing) {
        this.coverage = coverage;
        this.printouts = printouts;
        this.printing = printing;
        this.clock = clock;
        this.households = households;
        this.search = search;
        this.validator = new QuoteRequestValidator(library, clock);
        this.quotes = new FamilyQuotes(validator, engine, locale);
        this.tasks = tasks;
        this.operator = operator;
        this.locale = locale;
        this.errors = new FieldErrors(locale);
        this.year = new PolicyYearChoice(library, clock, this::requote);
        this.form = new MemberFormViewModel(MemberFormViewModel.Use.HOUSEHOLD, errors, "member", year);
        form.onAdd(this::addMember);
        form.onIdNumberLeft(this::checkIdNumber);
        this.name = form.nameProperty();
        this.idNumber = form.idNumberProperty();
        this.relation = form.relationProperty();
        this.ethnicity = form.ethnicityProperty();
        this.tier = form.tierProperty();
        this.categories = form.categories();
        this.certifiedBy = form.certifiedByProperty();
        this.certifiedOn = form.certifiedOnProperty();
        this.employeeInsuranceEndedOn = form.employeeInsuranceEndedOnProperty();
        this.declaredYears = form.declaredYearsProperty();
        this.declaredEvidence = form.declaredEvidenceProperty();
        this.repairYears = form.repairYearsProperty();
        paymentDate.set(LocalDate.now(clock));
        paymentDate.addListener((o, old, date) -> requote());
        selected.addListener((o, old, row) -> explanation.set(FamilyQuotes.explain(row)));
    }

    // ---- search and open ----------------------------------------------------------------------------

    public void search() {
        String text = query.get();
        tasks.execute(() -> search.search(text, PersonSearch.DEFAULT_LIMIT), hits::setAll,
                failure -> status.set(failure.getMessage()));
    }

    public void open(PersonHit hit) {
        if (hit != null && mayDiscard()) {
            load(hit.householdId(), null);
        }
    }

    /**
     * Whether what is on screen may be replaced: nothing unsaved (no member typed here and not saved,
     * nothing typed in the member form), or the operator says so.
     */
    public boolean mayDiscard() {
        // members typed here and not saved (a stored member not enrolled this year is not lost by leaving)
        long unsaved = members.stream().filter(row -> row.personId() == null && row.enrolledIn() == null).count();
        boolean typing = !nullToEmpty(name.get()).isBlank() || !nullToEmpty(idNumber.get()).isBlank();
        if (unsaved == 0 && !typing) {
            return true;
        }
        return dialogs.confirm(Localization.text(locale, "enroll.discard.title"),
                Localization.format(locale, "enroll.discard.question", number.get() == null ? "" : number.get(), unsaved),
                Localization.text(locale, "enroll.discard.yes"), Localization.text(locale, "enroll.discard.no"));
    }

    /** Opens a household by its id (from the Upload screen, to fix a record the hub refused). */
    public void openHousehold(String householdId) {
        load(householdId, null);
    }

    /** Loads a household into the form; {@code message} (or "opened") is shown once it is there. */
    private void load(String householdId, String message) {
        int policyYear = year.yearProperty().get();
        tasks.execute(() -> households.load(householdId, policyYear).orElseThrow(), loaded -> {
            newHousehold();
            shown.set(householdId);
            number.set(loaded.household().number());
            village.set(loaded.household().village());
            group.set(nullToEmpty(loaded.household().groupName()));
            address.set(nullToEmpty(loaded.household().address()));
            phone.set(nullToEmpty(loaded.household().phone()));
            for (HouseholdService.LoadedMember member : loaded.members()) {
                MemberRow row = row(member);
                members.add(row);
                if (!row.isEnrolled()) {
                    lookUpHistory(row);
                }
            }
            requote();
            status.set(message != null ? message : Localization.format(locale, "enroll.opened",
                    loaded.household().number(), loaded.members().size()));
            lookUpRenewals(householdId, policyYear);
        }, failure -> status.set(failure.getMessage()));
    }

    // ---- 按上年续保 (issue 15) -------------------------------------------------------------------------

    /** Lets this screen renew an opened household as last year, through the 续保 screen's very services. */
    public void useRenewals(canbao.report.RenewalWorklist worklist, canbao.service.RenewalService service) {
        this.renewalWorklist = worklist;
        this.renewalService = service;
    }

    /** The members of the household paid for the year before and holding nothing paid for this one (not marked). */
    private void lookUpRenewals(String householdId, int policyYear) {
        if (renewalWorklist == null) {
            return;
        }
        tasks.execute(() -> renewalWorklist.household(policyYear, householdId).stream()
                .filter(m -> m.toRenew() && m.lastYear() != null).toList(), found -> {
                    if (householdId.equals(shown.get()) && java.util.Objects.equals(policyYear, year.yearProperty().get())) {
                        renewalChosen.clear();
                        renewable.setAll(found);
                        renewalText();
                    }
                }, failure -> status.set(failure.getMessage()));
    }

    /** The members a renewal now renews: those chosen in the list, else all of them. */
    private List<canbao.report.RenewalWorklist.Member> renewing() {
        List<canbao.report.RenewalWorklist.Member> picked = renewalChosen.stream().filter(renewable::contains).toList();
        return picked.isEmpty() ? List.copyOf(renewable) : picked;
    }

    private void renewalText() {
        List<canbao.report.RenewalWorklist.Member> paying = renewing();
        Money sum = canbao.policy.FamilyTotals.payable(paying.stream()
                .map(canbao.report.RenewalWorklist.Member::quote).toList());
        renewalText.set(renewable.isEmpty() ? "" : Localization.format(locale, "enroll.renew.text",
                year.yearProperty().get() - 1, renewable.size(), paying.size(), sum));
    }

    /** 按上年续保 of the members chosen (or all listed) with the receipt typed; the household is shown again after it. */
    public void renewLastYear() {
        String householdId = shown.get();
        if (renewalService == null || householdId == null || renewable.isEmpty()) {
            return;
        }
        List<String> ids = renewing().stream().map(canbao.report.RenewalWorklist.Member::personId).toList();
        String receipt = renewalReceipt.get();
        String householdNumber = number.get();
        int policyYear = year.yearProperty().get();
        tasks.execute(() -> renewalService.renew(householdNumber, policyYear, ids, receipt, operator), outcome -> {
            if (outcome.saved().isValid()) {
                Money sum = outcome.saved().value().paid();
                load(householdId, Localization.format(locale, "renewal.saved", householdNumber,
                        outcome.persons().size(), sum));
            } else {
                status.set(canbao.gui.renewal.RenewalsViewModel.problems(outcome, locale));
            }
        }, failure -> status.set(failure.getMessage()));
    }

    /** A member as the renewal list shows them: name, this year's tier, what they pay (or why not). */
    public String renewalItemText(canbao.report.RenewalWorklist.Member m) {
        String pays = m.quote() == null ? "" : m.quote().eligible() ? m.quote().payable() + "元" : m.quote().reason();
        return m.name() + " " + Localization.text(locale, m.tier().messageKey()) + " " + pays;
    }

    public ObservableList<canbao.report.RenewalWorklist.Member> renewable() {
        return renewable;
    }

    public ObservableList<canbao.report.RenewalWorklist.Member> renewalChosen() {
        return renewalChosen;
    }

    public StringProperty renewalReceiptProperty() {
        return renewalReceipt;
    }

    public ReadOnlyStringProperty renewalTextProperty() {
        return renewalText.getReadOnlyProperty();
    }

    private MemberRow row(HouseholdService.LoadedMember member) {
        Enrollment enrollment = member.enrollment();
        List<String> codes = member.categories().stream().map(PersonCategory::code).toList();
        Integer memberTier = enrollment != null && enrollment.tier() != null ? enrollment.tier().number()
                : Tier.ONE.number();
        MemberDraft draft = new MemberDraft(member.person().name(), member.person().idNumber(),
                member.person().birthDate(), member.person().birthCertificateNo(), memberTier, codes,
                member.person().employeeInsuranceEndedOn(), member.person().graduationYear());
        MemberRow row = new MemberRow(draft, member.person().relation(), member.person().ethnicity(),
                member.person().id());
        member.categories().stream().findFirst().ifPresent(first ->
                row.setCertification(first.certifiedBy(), first.certifiedOn()));
        if (enrollment == null && member.cancelled() != null) {
            Enrollment cancelled = member.cancelled();
            row.markCancelled();
            String reason = cancelled.cancelReason() == null ? Localization.text(locale, "enroll.cancelled.noReason")
                    : cancelled.cancelReason();
            row.noteProperty().set(Localization.format(locale, "enroll.cancelled", cancelled.policyYear(),
                    cancelled.payable(), paidOn(cancelled), reason,
                    cancelled.audit().updatedAt().atZone(clock.getZone()).toLocalDate().toString()));
        }
        if (enrollment != null) {
            // what the family was told and paid, from the enrolment's snapshot: amounts, dates, rules
            row.markEnrolled(QuoteSnapshot.read(enrollment.quoteSnapshot()));
            row.noteProperty().set(Localization.format(locale, "enroll.alreadyEnrolled", enrollment.policyYear(),
                    Localization.text(locale, enrollment.status().messageKey()), enrollment.payable(),
                    enrollment.benefitStart() == null ? "" : enrollment.benefitStart().toString())
                    + paidOn(enrollment));
        }
        return row;
    }

    /** A field of the form as its label reads ("member.idNumber" → 身份证号). */
    private String fieldLabel(String field) {
        java.util.ResourceBundle bundle = Localization.bundle(locale);
        return bundle.containsKey(field) ? bundle.getString(field) : field.substring(field.lastIndexOf('.') + 1);
    }

    /** Counts refusals shown, so the view can take the cursor to the first field in error each time. */
    private final javafx.beans.property.IntegerProperty refusals = new javafx.beans.property.SimpleIntegerProperty();

    public javafx.beans.property.ReadOnlyIntegerProperty refusalsProperty() {
        return refusals;
    }

    /** "，2022-01-10缴费，收据R001" — what a saved enrolment's family was given. */
    private String paidOn(Enrollment enrollment) {
        if (enrollment.paymentDate() == null) {
            return "";
        }
        return Localization.format(locale, "enroll.paidOn", enrollment.paymentDate().toString(),
                enrollment.receiptNo() == null ? Localization.text(locale, "enroll.noReceipt") : enrollment.receiptNo());
    }

    /** 新建一户 from the button: asks first when unsaved work would be lost. */
    public void startNewHousehold() {
        if (mayDiscard()) {
            newHousehold();
        }
    }

    public void newHousehold() {
        shown.set(null);
        editing = null;
        clearMemberForm();
        number.set("");
        village.set("");
        group.set("");
        address.set("");
        phone.set("");
        receiptNo.set("");
        members.clear();
        renewable.clear();
        renewalChosen.clear();
        renewalReceipt.set("");
        errors.clear("");
        status.set("");
        requote();
    }

    // ---- members -----------------------------------------------------------------------------------

    /** Enter in the member form: checks the typed member, adds it as the next row and clears the form. */
    public boolean addMember() {
        List<Problem> problems = new ArrayList<>();
        Integer graduation = form.graduationYear(problems);
        List<Integer> declared = YearsText.parse(declaredYears.get(), "declaredYears", problems);
        if (!declared.isEmpty() && (declaredEvidence.get() == null || declaredEvidence.get().isBlank())) {
            problems.add(Problem.of("declaredEvidence", "member.declaredEvidence.missing"));
        }
        KnownHistory history = knownHistory.get().with(KnownHistory.Source.DECLARED, declared,
                blankToNull(declaredEvidence.get()));
        java.util.SortedSet<Integer> covered = history.coveredYears();
        // the birth date and certificate of a member put back to be changed are as stored (the form holds them)
        MemberDraft draft = form.draft(graduation, covered == null ? null : List.copyOf(covered));
        if (name.get() == null || name.get().isBlank()) {
            problems.add(Problem.of("name", "field.missing"));
        }
        if (ethnicity.get() != null && !ethnicity.get().isBlank()
                && canbao.model.HouseholdWords.ethnicity(ethnicity.get()).isEmpty()) {
            problems.add(Problem.of("ethnicity", "member.ethnicity.unknown", ethnicity.get().strip()));
        }
        Validated<PersonFacts> checked = validator.validateMember(draft, table(), paymentDate.get());
        for (Problem problem : checked.problems()) {
            // the covered years the clerk can change are the declared ones: say it next to that field
            problems.add(problem.location().name().equals("coveredYears")
                    ? problem.at(canbao.model.Location.field("declaredYears")) : problem);
        }
        form.show(problems);
        if (!problems.isEmpty()) {
            status.set(Localization.format(locale, "enroll.memberRefused", errors.fieldNames(this::fieldLabel)));
            refusals.set(refusals.get() + 1);
            return false;
        }
        MemberRow row = new MemberRow(draft, blankToNull(relation.get()), blankToNull(ethnicity.get()),
                editing == null ? null : editing.personId());
        row.setCertification(blankToNull(certifiedBy.get()), certifiedOn.get());
        row.setHistory(history);
        attachCardNote(row);
        if (editing != null && editing.isEnrolled()) {
            row.markEnrolled(editing.quote());
            row.noteProperty().set(editing.noteProperty().get());
        }
        int at = editing == null ? members.size() : Math.min(editingIndex, members.size());
        members.add(at, row);
        editing = null;
        requote();
        clearMemberForm();
        if (!row.isEnrolled()) {
            checkEnrolledAlready(row);
        }
        return true;
    }

    /** Leaving the ID number field: says at once what is wrong with it (or clears the old message). */
    public void checkIdNumber() {
        List<Problem> problems = validator.checkIdNumber(idNumber.get());
        form.show("idNumber", problems);
        String typed = java.util.Objects.requireNonNullElse(canbao.model.PersonKey.cleaned(idNumber.get()), "");
        if (!problems.isEmpty() || typed.isEmpty() || year.yearProperty().get() == null) {
            return;
        }
        int policyYear = year.yearProperty().get();
        form.setHistoryText(Localization.text(locale, "history.looking"));
        tasks.execute(() -> coverage.lookup(typed, null, policyYear), found -> {
            String now = java.util.Objects.requireNonNullElse(canbao.model.PersonKey.cleaned(idNumber.get()), "");
            if (now.equals(typed)) {
                knownHistory.set(found);
                form.setHistoryText(describe(found));
            }
        }, failure -> form.setHistoryText(Localization.text(locale, "history.unknown")));
    }

    /**
     * Says at once when the member just added already holds a paid enrolment for the year (issue 20:
     * before the money is taken, not at the save), and leaves the row out of the total and the save.
     */
    private void checkEnrolledAlready(MemberRow row) {
        MemberDraft draft = row.draft();
        Integer policyYear = year.yearProperty().get();
        if (policyYear == null) {
            return;
        }
        String idNumber = draft.idNumber() == null || draft.idNumber().isBlank() ? null
                : canbao.model.PersonKey.cleaned(draft.idNumber());
        tasks.execute(() -> households.enrolledAlready(idNumber, blankToNull(draft.birthCertificateNo()), policyYear),
                found -> found.filter(already -> members.contains(row) && !already.householdId().equals(shown.get()))
                        .ifPresent(already -> {
                            row.markEnrolledIn(already.householdId());
                            row.noteProperty().set(Localization.format(locale, "enroll.enrolledAlready",
                                    already.householdNumber(), already.village(), policyYear,
                                    already.paidOn().toString(), nullToEmpty(already.operatorName())));
                            requote();
                        }), failure -> { });
    }

    /** Opens the household a member typed again is already enrolled in (the row's note says which). */
    public void openEnrolledIn(MemberRow row) {
        if (row != null && row.enrolledIn() != null) {
            openHousehold(row.enrolledIn());
        }
    }

    /** Asks for a stored member's history in the background, then quotes the row with it. */
    private void lookUpHistory(MemberRow row) {
        MemberDraft draft = row.draft();
        Integer policyYear = year.yearProperty().get();
        if (policyYear == null) {
            return;
        }
        tasks.execute(() -> coverage.lookup(draft.idNumber(), draft.birthCertificateNo(), policyYear), found -> {
            if (members.contains(row) && row.draft() == draft) {
                row.setHistory(found);
                java.util.SortedSet<Integer> covered = found.coveredYears();
                row.setDraft(draft.withHistory(covered == null ? null : List.copyOf(covered), 0));
                requote();
            }
        }, failure -> { });
    }

    /** "2024（本所）、2025（汇总端）；汇总端未连接，按本所所知计算" — each year with where it is known from. */
    public String describe(KnownHistory history) {
        List<String> years = new ArrayList<>();
        history.years().forEach((covered, source) -> years.add(Localization.format(locale, "history.yearFrom",
                covered, Localization.text(locale, source.messageKey()))));
        String known = years.isEmpty() ? Localization.text(locale, "history.none") : String.join("、", years);
        String hub = Localization.text(locale, "history.hub." + history.hub().json());
        return Localization.format(locale, "history.summary", known, hub);
    }


    /** Puts a member back into the form to change it; Enter puts it back in its place. */
    public void edit(MemberRow row) {
        if (row == null || editing != null) {
            return;
        }
        editing = row;
        editingIndex = members.indexOf(row);
        MemberDraft draft = row.draft();
        form.fill(row);
        KnownHistory history = row.history();
        java.util.SortedSet<Integer> declared = history.from(KnownHistory.Source.DECLARED);
        declaredYears.set(declared.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")));
        declaredEvidence.set(declared.isEmpty() ? "" : history.evidence().getOrDefault(declared.first(), ""));
        knownHistory.set(withoutDeclared(history));
        form.setHistoryText(describe(knownHistory.get()));
        formCardNote = new FormCardNote(draft.idNumber(), row.insuranceCode(), row.expiredCardReason(),
                row.expiredCardValidTo());
        members.remove(row);
        requote();
    }

    private void clearMemberForm() {
        form.clear();
        knownHistory.set(KnownHistory.NONE);
        formCardNote = FormCardNote.NONE;
        storedPerson.set(null);
    }

    private static KnownHistory withoutDeclared(KnownHistory history) {
        java.util.TreeMap<Integer, KnownHistory.Source> kept = new java.util.TreeMap<>(history.years());
        kept.values().removeIf(source -> source == KnownHistory.Source.DECLARED);
        return new KnownHistory(kept, java.util.Map.of(), history.hub());
    }

    /**
     * 删除所选: a member added and not saved leaves the list once the operator confirms; a stored member
     * is not deleted here (a person's record stays), and says so.
     */
    public void removeSelected() {
        MemberRow row = selected.get();
        if (row == null) {
            status.set(Localization.text(locale, "enroll.remove.nothingSelected"));
            return;
        }
        if (row.personId() != null) {
            status.set(Localization.format(locale, "enroll.remove.stored", row.name()));
            return;
        }
        if (dialogs.confirm(Localization.text(locale, "enroll.remove.title"),
                Localization.format(locale, "enroll.remove.question", row.name()),
                Localization.text(locale, "enroll.remove.yes"), Localization.text(locale, "enroll.discard.no"))) {
            members.remove(row);
            requote();
        }
    }

    // ---- 作废 ----------------------------------------------------------------------------------------

    private boolean mayCancel;

    /** Whether this operator may cancel saved enrolments (a clerk or an administrator: {@code Role}). */
    public void allowCancelling(boolean allowed) {
        mayCancel = allowed;
    }

    /**
     * 作废所选: cancels the selected member's saved enrolment for the year, with the reason the operator
     * must give, through the same service and checks as {@code enroll}'s {@code "status":"cancelled"}: the
     * row is kept as cancelled with its reason, audited and queued for upload; the family is shown again
     * with the member as 已作废 and the reason.
     */
    public void cancelSelected() {
        MemberRow row = selected.get();
        Integer policyYear = year.yearProperty().get();
        String householdId = shown.get();
        if (row == null) {
            status.set(Localization.text(locale, "enroll.cancel.nothingSelected"));
            return;
        }
        if (!mayCancel) {
            status.set(Localization.text(locale, "enroll.cancel.notAllowed"));
            return;
        }
        if (!row.isEnrolled() || row.personId() == null || householdId == null || policyYear == null) {
            status.set(Localization.format(locale, "enroll.cancel.notEnrolled", row.name(), policyYear));
            return;
        }
        if (!mayDiscard()) {
            return;
        }
        MemberDraft draft = row.draft();
        String paid = row.quote() == null ? "" : Localization.format(locale, "enroll.cancel.paid", row.quote().payable());
        java.util.Optional<String> reason = dialogs.askReason(Localization.text(locale, "enroll.cancel.title"),
                Localization.format(locale, "enroll.cancel.question", row.name(), policyYear, paid),
                Localization.text(locale, "enroll.cancel.yes"), Localization.text(locale, "enroll.cancel.no"),
                canbao.model.FieldLimits.CANCEL_REASON);
        if (reason.isEmpty()) {
            status.set(Localization.text(locale, "enroll.cancel.kept"));
            return;
        }
        HouseholdEntry.Member member = new HouseholdEntry.Member(draft.name(), draft.idNumber(), draft.birthDate(),
                draft.birthCertificateNo(), null, null, null, null, null,
                HouseholdEntry.EnrollmentRequest.cancel(policyYear, reason.get()));
        busy.set(true);
        tasks.execute(() -> {
            // the household as stored: nothing typed on the form goes with the cancellation
            HouseholdService.Loaded stored = households.load(householdId, policyYear).orElseThrow();
            return households.save(new HouseholdEntry(stored.household().number(), stored.household().village(),
                    null, null, null, List.of(member)), operator);
        }, result -> {
            busy.set(false);
            if (!result.isValid()) {
                status.set(Localization.format(locale, "enroll.refused", String.join("；",
                        result.problems().stream().map(problem -> problem.message(locale)).toList())));
                return;
            }
            load(householdId, Localization.format(locale, "enroll.cancel.done", row.name(), policyYear,
                    reason.get()));
        }, failure -> {
            busy.set(false);
            status.set(Localization.format(locale, "enroll.saveFailed", String.valueOf(failure.getMessage())));
        });
    }

    // ---- save --------------------------------------------------------------------------------------

    /** Saves the household and enrols every member not yet enrolled for the year, all or nothing. */
    public void save() {
        List<HouseholdEntry.Member> entries = new ArrayList<>();
        List<MemberRow> saved = new ArrayList<>();
        for (MemberRow row : members) {
            if (row.enrolledIn() != null || row.isCancelled()) {
                continue; // enrolled in another household already, or cancelled here: its row says so
            }
            saved.add(row);
            MemberDraft draft = row.draft();
            HouseholdEntry.EnrollmentRequest enrollment = row.isEnrolled() ? null
                    : new HouseholdEntry.EnrollmentRequest(year.yearProperty().get(), draft.tier(), paymentDate.get(),
                    blankToNull(receiptNo.get()), null, null, draft.repairYears());
            List<HouseholdEntry.Category> held = draft.categories().stream()
                    .map(code -> new HouseholdEntry.Category(code, row.certifiedBy(), row.certifiedOn())).toList();
            entries.add(new HouseholdEntry.Member(draft.name(), draft.idNumber(), draft.birthDate(),
                    draft.birthCertificateNo(), row.relation(), row.ethnicity(), held,
                    draft.employeeInsuranceEndedOn(), draft.graduationYear(), enrollment, row.history()));
        }
        if (entries.isEmpty() && !members.isEmpty()) {
            status.set(Localization.text(locale, "enroll.nothingToSave"));
            return;
        }
        boolean paying = entries.stream().anyMatch(member -> member.enrollment() != null);
        if (paying && (receiptNo.get() == null || receiptNo.get().isBlank())) {
            // the money is taken at the counter: the receipt number is what the family keeps
            errors.show("household.receiptNo", List.of(Problem.of("", "enroll.receipt.missing")));
            status.set(Localization.format(locale, "enroll.saveRefusedFields", errors.fieldNames(this::fieldLabel)));
            refusals.set(refusals.get() + 1);
            return;
        }
        HouseholdEntry entry = new HouseholdEntry(number.get(), village.get(), group.get(), address.get(),
                phone.get(), entries);
        busy.set(true);
        status.set(Localization.text(locale, "enroll.saving"));
        tasks.execute(() -> households.save(entry, operator), result -> saved(result, saved), failure -> {
            busy.set(false);
            status.set(Localization.format(locale, "enroll.saveFailed", String.valueOf(failure.getMessage())));
        });
    }

    /** @param rows the rows sent, in the order of the entry's members (problems name their index) */
    private void saved(Validated<HouseholdService.Saved> result, List<MemberRow> rows) {
        busy.set(false);
        errors.clear("");
        members.forEach(row -> {
            if (!row.isEnrolled()) {
                row.noteProperty().set(null);
            }
        });
        if (!result.isValid()) {
            List<String> lines = new ArrayList<>();
            for (Problem problem : result.problems()) {
                int member = problem.location().memberIndex();
                if (member >= 0) {
                    MemberRow row = rows.get(member);
                    row.noteProperty().set(problem.message(locale));
                    lines.add(row.name() + "：" + problem.message(locale));
                } else {
                    lines.add(problem.message(locale));
                }
            }
            errors.show("", result.problems());
            status.set(Localization.format(locale, "enroll.refused", String.join("；", lines)));
            refusals.set(refusals.get() + 1);
            return;
        }
        Money paid = Money.ZERO;
        int enrolled = 0;
        for (HouseholdService.SavedMember member : result.value().members()) {
            if (member.enrollment() != null) {
                paid = paid.plus(member.enrollment().payable());
                enrolled++;
            }
        }
        String message = Localization.format(locale, "enroll.saved", result.value().household().number(), enrolled,
                paid);
        recordCardNotes(result.value(), rows);
        // show the family as stored (every member now enrolled); the confirmation appears with it
        load(result.value().household().id(), message);
    }

    /** Which printout of the household on screen. */
    public enum Printout { QUOTE_SLIP, RECEIPT, ENROLLMENT_FORM }

    private record Prepared(Printouts.Document document, List<String> printers) {
    }

    /**
     * 打印: makes the printout of the stored household on screen and sends it to the printer (asking
     * which when there are several). When nothing is printed — no printer, no print command, the
     * printer refused — the status line says so and why, and the printout is offered as a PDF file.
     */
    public void print(Printout which) {
        String householdId = shown.get();
        Integer policyYear = year.yearProperty().get();
        if (householdId == null || policyYear == null) {
            status.set(Localization.text(locale, "enroll.print.saveFirst"));
            return;
        }
        status.set(Localization.text(locale, "enroll.print.preparing"));
        tasks.execute(() -> new Prepared(make(which, householdId, policyYear), printing.printers()),
                prepared -> toPrinter(prepared.document(), prepared.printers()),
                failure -> status.set(Localization.format(locale, "enroll.print.failed", failure.getMessage())));
    }

    private void toPrinter(Printouts.Document document, List<String> printers) {
        if (printers.isEmpty()) {
            notPrinted(document, Localization.text(locale, "enroll.print.noPrinter"));
            return;
        }
        String printer = printers.size() == 1 ? printers.get(0)
                : dialogs.choose(Localization.text(locale, "enroll.print.choosePrinter.title"),
                Localization.format(locale, "enroll.print.choosePrinter", document.name()), printers,
                printers.get(0)).orElse(null);
        if (printer == null) {
            status.set(Localization.format(locale, "enroll.print.cancelled", document.name()));
            return;
        }
        status.set(Localization.format(locale, "enroll.print.sending", document.name(), printer));
        tasks.executeLong(() -> printing.print(printer, document.name(), document.pdf()), result -> {
            switch (result.outcome()) {
                case SENT -> status.set(Localization.format(locale, "enroll.print.sent", document.name(), printer));
                case NO_PRINTER -> notPrinted(document, Localization.format(locale, "enroll.print.printerGone", printer));
                case NO_SPOOLER -> notPrinted(document, Localization.format(locale, "enroll.print.noSpooler",
                        result.detail()));
                case FAILED -> notPrinted(document, Localization.format(locale, "enroll.print.refused", printer,
                        result.detail()));
            }
        }, failure -> notPrinted(document, Localization.format(locale, "enroll.print.refused", printer,
                failure.getMessage())));
    }

    /** Nothing was printed: says why, and offers the same printout as a PDF file where the operator chooses. */
    private void notPrinted(Printouts.Document document, String why) {
        String said = Localization.format(locale, "enroll.print.notPrinted", document.name(), why);
        status.set(said);
        if (dialogs.confirm(Localization.text(locale, "enroll.print.notPrinted.title"),
                Localization.format(locale, "enroll.print.offerPdf", said),
                Localization.text(locale, "enroll.print.savePdf"), Localization.text(locale, "enroll.print.dontSave"))) {
            save(document, said + "；");
        }
    }

    /** …存为PDF: makes the printout and writes it to a file the operator chooses (documents folder first). */
    public void saveAsPdf(Printout which) {
        String householdId = shown.get();
        Integer policyYear = year.yearProperty().get();
        if (householdId == null || policyYear == null) {
            status.set(Localization.text(locale, "enroll.print.saveFirst"));
            return;
        }
        tasks.execute(() -> make(which, householdId, policyYear), document -> save(document, ""),
                failure -> status.set(Localization.format(locale, "enroll.print.failed", failure.getMessage())));
    }

    private void save(Printouts.Document document, String before) {
        java.util.Optional<java.nio.file.Path> chosen = dialogs.chooseFileToSave(
                Localization.text(locale, "enroll.print.saveTitle"), document.name() + ".pdf",
                java.util.List.of(canbao.gui.common.DialogService.FileType.of(
                        Localization.text(locale, "dialog.file.pdf"), "pdf")));
        if (chosen.isEmpty()) {
            status.set(before + Localization.text(locale, "enroll.print.notSaved"));
            return;
        }
        java.nio.file.Path file = chosen.get();
        tasks.execute(() -> {
            document.save(file);
            return file;
        }, saved -> status.set(before + Localization.format(locale, "enroll.print.saved", saved)),
                failure -> status.set(before + Localization.format(locale, "enroll.print.saveFailed",
                        failure.getMessage())));
    }

    private Printouts.Document make(Printout which, String householdId, int policyYear) throws java.io.IOException {
        HouseholdService.Loaded household = households.load(householdId, policyYear).orElseThrow();
        LocalDate today = LocalDate.now(clock);
        return switch (which) {
            case QUOTE_SLIP -> printouts.quoteSlip(household, policyYear, today);
            case RECEIPT -> printouts.receipt(household, policyYear, today);
            case ENROLLMENT_FORM -> printouts.enrollmentForm(household, policyYear, today);
        };
    }

    public javafx.beans.property.ReadOnlyObjectProperty<String> shownHouseholdProperty() {
        return shown.getReadOnlyProperty();
    }

    private void requote() {
        FamilyQuotes.Totals totals = quotes.requote(members, table(), paymentDate.get());
        total.set(totals.paid().isZero() ? Localization.format(locale, "quote.total", totals.payable())
                : Localization.format(locale, "quote.totalWithPaid", totals.payable(), totals.paid()));
        boolean anyToEnrol = members.stream().anyMatch(row -> !row.isEnrolled());
        comparison.set(anyToEnrol ? Localization.format(locale, "quote.comparison", totals.allOnTierOne(),
                totals.allOnTierTwo()) : "");
        explanation.set(FamilyQuotes.explain(selected.get()));
        provisionalNote.set(totals.provisional() ? Localization.text(locale, "quote.provisionalLegend") : "");
    }

    private PolicyTable table() {
        return year.table();
    }

    public String categoryName(String code) {
        return year.categoryName(code);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    // ---- properties --------------------------------------------------------------------------------

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PersonHit> hits() {
        return hits;
    }

    public StringProperty numberProperty() {
        return number;
    }

    public StringProperty villageProperty() {
        return village;
    }

    public StringProperty groupProperty() {
        return group;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty phoneProperty() {
        return phone;
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

    public StringProperty receiptNoProperty() {
        return receiptNo;
    }

    public ObservableList<String> categoryCodes() {
        return year.categoryCodes();
    }












    /** The member being typed. */
    public MemberFormViewModel memberForm() {
        return form;
    }




    public ReadOnlyStringProperty provisionalNoteProperty() {
        return provisionalNote.getReadOnlyProperty();
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

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }

    // ---- card reader and scanner (issue 18) ----------------------------------------------------------

    /** What a card or a scan said about the member being typed; moves to its row when it is added. */
    private record FormCardNote(String idNumber, String insuranceCode, String expiredCardReason,
                                LocalDate expiredCardValidTo) {
        static final FormCardNote NONE = new FormCardNote(null, null, null, null);
    }

    private FormCardNote formCardNote = FormCardNote.NONE;
    private canbao.gui.common.CardReading cardReading;
    private canbao.store.CardNotes cardNotes;
    private final canbao.device.WedgeScan wedge = new canbao.device.WedgeScan();
    /** a person a card was read for who is stored in another household: 打开该户 opens it */
    private final ObjectProperty<PersonHit> storedPerson = new SimpleObjectProperty<>();

    /** The reader this screen polls, and where a saved member's scanned code and expired-card reason go. */
    public void useCardReader(canbao.device.CardReader reader, canbao.store.CardNotes notes) {
        cardReading().useReader(reader);
        this.cardNotes = notes;
    }

    public canbao.gui.common.CardReading cardReading() {
        if (cardReading == null) {
            cardReading = new canbao.gui.common.CardReading(tasks, clock, locale);
            cardReading.onCard(this::fromCard);
        }
        return cardReading;
    }

    /**
     * A card was read: a person stored in another household is said (打开该户 opens it) and not typed
     * again; anyone else fills the member form, and the number's checks and history lookup run as when
     * the number is typed.
     */
    void fromCard(canbao.device.IdCard card, canbao.device.CardCheck.Result check) {
        storedPerson.set(null);
        String number = canbao.model.PersonKey.cleaned(card.idNumber());
        tasks.execute(() -> search.search(number, 5), found -> {
            java.util.Optional<PersonHit> stored = found.stream().filter(hit -> hit.householdId() != null).findFirst();
            if (stored.isPresent()) {
                PersonHit hit = stored.get();
                if (hit.householdId().equals(shown.get())) {
                    cardReading().say(Localization.format(locale, "reader.storedHere", hit.name()));
                } else {
                    storedPerson.set(hit);
                    cardReading().say(Localization.format(locale, "reader.stored", hit.name(),
                            nullToEmpty(hit.householdNumber()), nullToEmpty(hit.village())));
                }
                return;
            }
            fill(card, number, check);
        }, failure -> fill(card, number, check));
    }

    private void fill(canbao.device.IdCard card, String number, canbao.device.CardCheck.Result check) {
        String reason = null;
        LocalDate validTo = check.expiredOn().orElse(null);
        if (validTo != null) {
            java.util.Optional<String> given = dialogs.askText(Localization.text(locale, "reader.expired.title"),
                    Localization.format(locale, "reader.expired.question", validTo.toString()), 200);
            if (given.isEmpty() || given.get().isBlank()) {
                cardReading().say(Localization.format(locale, "reader.expired.refused", validTo.toString()));
                return;
            }
            reason = given.get().strip();
        }
        String code = number.equals(formCardNote.idNumber()) || formCardNote.idNumber() == null
                ? formCardNote.insuranceCode() : null;
        formCardNote = new FormCardNote(number, code, reason, validTo);
        name.set(card.name());
        idNumber.set(number);
        canbao.model.HouseholdWords.ethnicity(card.ethnicity()).ifPresent(ethnicity::set);
        if ((address.get() == null || address.get().isBlank()) && card.address() != null) {
            address.set(card.address());
        }
        cardReading().say(Localization.text(locale, reason == null ? "reader.filled" : "reader.filledExpired"));
        checkIdNumber();
    }

    /** 打开该户 beside the reader's message: opens the household of the person the card named. */
    public void openStoredPerson() {
        PersonHit hit = storedPerson.get();
        if (hit != null) {
            storedPerson.set(null);
            open(hit);
        }
    }

    public javafx.beans.property.ReadOnlyObjectProperty<PersonHit> storedPersonProperty() {
        return storedPerson;
    }

    /** A character typed into the 扫码 field at {@code nanos}. */
    public void scanKey(char character, long nanos) {
        wedge.key(character, nanos);
    }

    public void scanReset() {
        wedge.reset();
    }

    /**
     * Enter in the 扫码 field: a scanned (or typed) identity number fills the number; a scanned
     * 医保电子凭证 code is kept for the member being typed and saved with it.
     */
    public void scanEnter(long nanos) {
        canbao.device.WedgeScan.Result scanned = wedge.enter(nanos);
        switch (scanned.kind()) {
            case ID_NUMBER, TYPED_ID_NUMBER -> {
                idNumber.set(scanned.text());
                cardReading().say(Localization.text(locale, "reader.scan.idNumber"));
                checkIdNumber();
            }
            case INSURANCE_CODE -> {
                formCardNote = new FormCardNote(formCardNote.idNumber(), scanned.text(),
                        formCardNote.expiredCardReason(), formCardNote.expiredCardValidTo());
                cardReading().say(Localization.format(locale, "reader.scan.code",
                        canbao.model.IdMask.maskCode(scanned.text())));
            }
            default -> cardReading().say(Localization.text(locale, "reader.scan.unrecognised"));
        }
    }

    /** The 医保电子凭证 code scanned for the member being typed, or null. */
    public String scannedInsuranceCode() {
        return formCardNote.insuranceCode();
    }

    private void attachCardNote(MemberRow row) {
        FormCardNote note = formCardNote;
        String number = canbao.model.PersonKey.cleaned(row.draft().idNumber());
        // a card's note belongs to that card's number: not to another person typed over it
        boolean same = note.idNumber() == null || note.idNumber().equals(number);
        row.setCardNote(note.insuranceCode(), same ? note.expiredCardReason() : null,
                same ? note.expiredCardValidTo() : null);
    }

    private void recordCardNotes(HouseholdService.Saved saved, List<MemberRow> rows) {
        if (cardNotes == null) {
            return;
        }
        List<canbao.store.CardNotes.Note> notes = new ArrayList<>();
        for (MemberRow row : rows) {
            if (row.insuranceCode() == null && row.expiredCardReason() == null) {
                continue;
            }
            String number = canbao.model.PersonKey.cleaned(row.draft().idNumber());
            saved.members().stream().filter(member -> number != null && number.equals(member.person().idNumber()))
                    .findFirst().ifPresent(member -> notes.add(new canbao.store.CardNotes.Note(member.person().id(),
                            row.insuranceCode(), row.expiredCardReason(), row.expiredCardValidTo())));
        }
        if (!notes.isEmpty()) {
            java.time.Instant at = clock.instant();
            tasks.execute(() -> {
                cardNotes.record(notes, operator, at);
                return null;
            }, done -> { }, failure -> status.set(Localization.format(locale, "reader.noteFailed",
                    failure.getClass().getSimpleName())));
        }
    }
}
