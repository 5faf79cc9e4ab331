package canbao.gui.renewal;

import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.model.MarkKind;
import canbao.model.Money;
import canbao.model.PersonMark;
import canbao.report.RenewalWorklist;
import canbao.service.PersonMarks;
import canbao.service.RenewalService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 续保: the worklist of the year being collected by household (filter by village), the members of the
 * chosen household with last year's tier, their categories and this year's quote, 按上年续保 with one
 * receipt (the members chosen in the member list, else every member still to renew), marks, and the
 * payment reminders. The worklist, the renewal and the marks are the report's and store's; nothing is
 * computed here.
 */
public class RenewalsViewModel {

    /** What the village filter shows for the whole township. */
    public static final String ALL = "";

    private final RenewalWorklist worklist;
    private final RenewalService renewals;
    private final PersonMarks marks;
    private final canbao.report.Reminders reminders;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final String operator;
    private final Locale locale;
    private final java.util.function.Supplier<List<String>> villageNames;

    private final IntegerProperty year = new SimpleIntegerProperty();
    private final ObservableList<String> villages = FXCollections.observableArrayList(ALL);
    private final StringProperty village = new SimpleStringProperty(ALL);
    private final ObservableList<RenewalWorklist.Household> households = FXCollections.observableArrayList();
    private final ObjectProperty<RenewalWorklist.Household> household = new SimpleObjectProperty<>();
    private final ObservableList<RenewalWorklist.Member> members = FXCollections.observableArrayList();
    private final ObservableList<RenewalWorklist.Member> chosenMembers = FXCollections.observableArrayList();
    private final ObjectProperty<RenewalWorklist.Member> member = new SimpleObjectProperty<>();
    private final StringProperty counts = new SimpleStringProperty("");
    private final StringProperty householdText = new SimpleStringProperty("");
    private final StringProperty receiptNo = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<MarkKind> markKind = new SimpleObjectProperty<>(MarkKind.MOVED_OUT);
    private final StringProperty markReason = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> markDate = new SimpleObjectProperty<>();
    /** Counts the renewals saved: the view puts the cursor back in the household list after each. */
    private final IntegerProperty saved = new SimpleIntegerProperty();
    private RenewalWorklist.Worklist current;
    /** The filter's list is being filled: the combo box's passing value changes are no choice of the clerk. */
    private boolean fillingVillages;

    /** @param villageNames the villages of the township, for the filter (read in the background) */
    public RenewalsViewModel(RenewalWorklist worklist, RenewalService renewals, PersonMarks marks,
                             canbao.report.Reminders reminders, java.util.function.Supplier<List<String>> villageNames,
                             TaskExecutor tasks, Clock clock, String operator, Locale locale) {
        this.worklist = worklist;
        this.reminders = reminders;
        this.villageNames = villageNames;
        this.renewals = renewals;
        this.marks = marks;
        this.tasks = tasks;
        this.clock = clock;
        this.operator = operator;
        this.locale = locale;
        year.set(worklist.yearBeingCollected());
        markDate.set(LocalDate.now(clock));
        household.addListener((o, old, chosen) -> showHousehold(chosen));
        chosenMembers.addListener((javafx.collections.ListChangeListener<RenewalWorklist.Member>) c ->
                showHousehold(household.get()));
        village.addListener((o, old, chosen) -> {
            if (!fillingVillages) {
                refresh();
            }
        });
    }

    public IntegerProperty yearProperty() {
        return year;
    }

    public ObservableList<String> villages() {
        return villages;
    }

    public StringProperty villageProperty() {
        return village;
    }

    public ObservableList<RenewalWorklist.Household> households() {
        return households;
    }

    public ObjectProperty<RenewalWorklist.Household> householdProperty() {
        return household;
    }

    public ObservableList<RenewalWorklist.Member> members() {
        return members;
    }

    /** The members chosen in the member list (several with Ctrl/Shift); none chosen: all still to renew. */
    public ObservableList<RenewalWorklist.Member> chosenMembers() {
        return chosenMembers;
    }

    public ObjectProperty<RenewalWorklist.Member> memberProperty() {
        return member;
    }

    public StringProperty countsProperty() {
        return counts;
    }

    public StringProperty householdTextProperty() {
        return householdText;
    }

    public StringProperty receiptNoProperty() {
        return receiptNo;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<MarkKind> markKindProperty() {
        return markKind;
    }

    public StringProperty markReasonProperty() {
        return markReason;
    }

    public ObjectProperty<LocalDate> markDateProperty() {
        return markDate;
    }

    public IntegerProperty savedProperty() {
        return saved;
    }

    public RenewalWorklist.Worklist worklist() {
        return current;
    }

    /** Reads the worklist again (in the background) and keeps the chosen household when it is still listed. */
    public void refresh() {
        int chosenYear = year.get();
        String chosenVillage = village.get() == null || village.get().isEmpty() ? null : village.get();
        tasks.execute(() -> new Object[] {worklist.compute(chosenYear, chosenVillage), villageNames.get()},
                result -> {
                    RenewalWorklist.Worklist list = (RenewalWorklist.Worklist) result[0];
                    @SuppressWarnings("unchecked")
                    List<String> names = (List<String>) result[1];
                    current = list;
                    String keep = household.get() == null ? null : household.get().number();
                    households.setAll(list.households());
                    RenewalWorklist.Counts c = list.township();
                    counts.set(Localization.format(locale, "renewal.counts", list.policyYear(), c.toRenew(),
                            c.renewed(), c.newlyEnrolled(), c.marked()));
                    if (!villages.subList(1, villages.size()).equals(names)) {
                        String selected = village.get();
                        fillingVillages = true;
                        villages.setAll(ALL);
                        villages.addAll(names);
                        village.set(selected);
                        fillingVillages = false;
                    }
                    household.set(households.stream().filter(h -> h.number().equals(keep)).findFirst()
                            .orElse(households.isEmpty() ? null : households.get(0)));
                    showHousehold(household.get());
                }, failure -> status.set(failure.getMessage()));
    }

    private void showHousehold(RenewalWorklist.Household chosen) {
        if (chosen == null) {
            members.clear();
            householdText.set("");
            return;
        }
        if (!members.equals(chosen.members())) {
            members.setAll(chosen.members());
        }
        List<RenewalWorklist.Member> paying = paying(chosen);
        Money total = canbao.policy.FamilyTotals.payable(paying.stream().map(RenewalWorklist.Member::quote).toList());
        householdText.set(Localization.format(locale, "renewal.household", chosen.number(),
                chosen.group() == null ? "—" : chosen.group(), paying.size(), total));
    }

    /** The members a renewal now would renew: those chosen, else every member still to renew. */
    private List<RenewalWorklist.Member> paying(RenewalWorklist.Household chosen) {
        List<RenewalWorklist.Member> picked = chosenMembers.stream().filter(chosen.members()::contains).toList();
        return picked.isEmpty() ? chosen.members().stream().filter(RenewalWorklist.Member::toRenew).toList() : picked;
    }

    /** 按上年续保 of the chosen household with the receipt typed; the worklist is read again after it. */
    public void renew() {
        RenewalWorklist.Household chosen = household.get();
        if (chosen == null) {
            status.set(Localization.text(locale, "renewal.noHousehold"));
            return;
        }
        List<String> ids = chosenMembers.stream().filter(chosen.members()::contains)
                .map(RenewalWorklist.Member::personId).toList();
        String receipt = receiptNo.get();
        int chosenYear = year.get();
        tasks.execute(() -> renewals.renew(chosen.number(), chosenYear, ids.isEmpty() ? null : ids, receipt, operator),
                outcome -> {
                    if (outcome.saved().isValid()) {
                        Money total = outcome.saved().value().paid();
                        status.set(Localization.format(locale, "renewal.saved", chosen.number(),
                                outcome.persons().size(), total));
                        receiptNo.set("");
                        chosenMembers.clear();
                        saved.set(saved.get() + 1);
                        refresh();
                    } else {
                        status.set(problems(outcome));
                    }
                }, failure -> status.set(failure.getMessage()));
    }

    private String problems(RenewalService.Outcome outcome) {
        return problems(outcome, locale);
    }

    /** A refused renewal in words, each problem with the member (or the receipt) it is of: here and on 家庭参保登记. */
    public static String problems(RenewalService.Outcome outcome, Locale locale) {
        return outcome.saved().problems().stream().map(problem -> {
            int member = problem.location().memberIndex();
            String who = member >= 0 ? outcome.persons().get(member).name() + "："
                    : problem.location().equals(canbao.model.Location.field("renew.receiptNo")) ? Localization.text(locale, "enroll.receiptNo") + "："
                    : "";
            return who + problem.message(locale);
        }).collect(Collectors.joining("；"));
    }

    /** Marks the chosen member for the year (迁出, 死亡, …) with the day and reason typed. */
    public void mark() {
        RenewalWorklist.Member chosen = member.get();
        if (chosen == null) {
            status.set(Localization.text(locale, "renewal.noMember"));
            return;
        }
        MarkKind kind = markKind.get();
        String reason = markReason.get();
        LocalDate on = markDate.get();
        int chosenYear = year.get();
        tasks.execute(() -> marks.mark(chosen.personId(), chosenYear, kind, reason, on, operator), result -> {
            if (result.isValid()) {
                status.set(Localization.format(locale, "renewal.marked", chosen.name(),
                        Localization.text(locale, kind.messageKey())));
                markReason.set("");
                refresh();
            } else {
                status.set(result.problems().stream().map(p -> p.message(locale)).collect(Collectors.joining("；")));
            }
        }, failure -> status.set(failure.getMessage()));
    }

    /** Takes back the chosen member's mark for the year. */
    public void unmark() {
        RenewalWorklist.Member chosen = member.get();
        if (chosen == null || chosen.mark() == null) {
            status.set(Localization.text(locale, "renewal.noMark"));
            return;
        }
        PersonMark held = chosen.mark();
        tasks.execute(() -> marks.unmark(chosen.personId(), held.policyYear(), operator), done -> {
            status.set(Localization.format(locale, "renewal.unmarked", chosen.name()));
            refresh();
        }, failure -> status.set(failure.getMessage()));
    }

    /** The file name the reminders are offered under: 催缴通知单-2026-兴义村. */
    public String remindersFileName() {
        String chosen = village.get() == null || village.get().isEmpty() ? "" : "-" + village.get();
        return Localization.text(locale, "reminder.title") + "-" + year.get() + chosen;
    }

    /** Writes the reminders of the village chosen (or the township) to a PDF or XLSX file. */
    public void reminders(java.nio.file.Path target) {
        int chosenYear = year.get();
        String chosenVillage = village.get() == null || village.get().isEmpty() ? null : village.get();
        tasks.execute(() -> {
            reminders.write(worklist.compute(chosenYear, chosenVillage), target);
            return target;
        }, written -> status.set(Localization.format(locale, "reminder.written", written.toString())),
                failure -> status.set(Localization.format(locale, "reminder.failed", String.valueOf(failure.getMessage()))));
    }

    /** The member's state as the list shows it: the mark, or what they pay and from when, or why not. */
    public String stateText(RenewalWorklist.Member m) {
        if (m.mark() != null) {
            String mark = Localization.text(locale, m.mark().kind().messageKey());
            return m.mark().reason() == null ? mark : mark + "：" + m.mark().reason();
        }
        if (m.quote() == null) {
            return "";
        }
        if (!m.quote().eligible()) {
            return m.quote().reason();
        }
        return m.quote().explanation();
    }

    public String lastYearText(RenewalWorklist.Member m) {
        if (m.lastYear() == null) {
            return Localization.text(locale, "renewal.lastYear.none");
        }
        if (m.lastYear().tier() == null) {
            return Localization.text(locale, "renewal.lastYear.withGuardian");
        }
        return Localization.text(locale, m.lastYear().tier().messageKey());
    }

    public String tierText(RenewalWorklist.Member m) {
        String tier = Localization.text(locale, m.tier().messageKey());
        return m.defaultTier() ? Localization.format(locale, "renewal.tier.default", tier) : tier;
    }

    public String categoriesText(RenewalWorklist.Member m) {
        return m.categories().stream().map(c -> c.name() + "（" + (c.status() == canbao.policy.CategoryCurrency.Status.LAPSED
                ? Localization.format(locale, c.status().messageKey(), c.certifiedOn())
                : Localization.text(locale, c.status().messageKey())) + "）").collect(Collectors.joining("、"));
    }

    public String payableText(RenewalWorklist.Member m) {
        return m.quote() == null || !m.quote().eligible() ? "—" : m.quote().payable().toString();
    }

    public String hintText(RenewalWorklist.Household h) {
        Optional<Integer> days = h.members().stream().filter(RenewalWorklist.Member::toRenew)
                .map(RenewalWorklist.Member::newbornDaysLeft).filter(java.util.Objects::nonNull).min(Integer::compare);
        if (days.isPresent()) {
            return Localization.format(locale, "renewal.hint.newborn", days.get());
        }
        if (h.members().stream().anyMatch(m -> m.toRenew() && m.lowIncome())) {
            return Localization.text(locale, "renewal.hint.lowIncome");
        }
        return h.toRenewCount() == 0 ? Localization.text(locale, "renewal.hint.marked") : "";
    }

    public String membersText(RenewalWorklist.Household h) {
        return h.members().stream().map(RenewalWorklist.Member::name).collect(Collectors.joining("、"));
    }

}
