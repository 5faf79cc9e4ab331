package canbao.gui.common;

import canbao.model.IdMask;
import canbao.model.MemberQuote;
import canbao.policy.MemberDraft;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One family member in a screen's table: what was entered, the current quote, and any problem to
 * show on the row. Household and quick-quote screens share it; the figures come from the engine.
 */
public final class MemberRow {

    private final ObjectProperty<MemberDraft> draft = new SimpleObjectProperty<>();
    private final StringProperty relation = new SimpleStringProperty();
    private final StringProperty ethnicity = new SimpleStringProperty();
    private final ObjectProperty<MemberQuote> quote = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty();
    /** the person's id when the row was loaded from the store */
    private final String personId;
    /** loaded with a live enrolment for the year: shown, not enrolled again */
    private boolean enrolled;
    /** who certified the member's categories and when (认定部门, 认定日期); may be empty */
    private String certifiedBy;
    private java.time.LocalDate certifiedOn;
    /** the coverage history the row's quote uses, with the source of each year */
    private canbao.policy.KnownHistory history = canbao.policy.KnownHistory.NONE;

    public MemberRow(MemberDraft draft, String relation, String ethnicity, String personId) {
        this.draft.set(draft);
        this.relation.set(relation);
        this.ethnicity.set(ethnicity);
        this.personId = personId;
    }

    public MemberDraft draft() {
        return draft.get();
    }

    public void setDraft(MemberDraft value) {
        draft.set(value);
    }

    public ObjectProperty<MemberDraft> draftProperty() {
        return draft;
    }

    public String relation() {
        return relation.get();
    }

    public String ethnicity() {
        return ethnicity.get();
    }

    public String personId() {
        return personId;
    }

    public String certifiedBy() {
        return certifiedBy;
    }

    public java.time.LocalDate certifiedOn() {
        return certifiedOn;
    }

    public void setCertification(String department, java.time.LocalDate date) {
        certifiedBy = department;
        certifiedOn = date;
    }

    public canbao.policy.KnownHistory history() {
        return history;
    }

    public void setHistory(canbao.policy.KnownHistory known) {
        history = known == null ? canbao.policy.KnownHistory.NONE : known;
    }

    /** The household where this person is already enrolled for the year (typed again by mistake), or null. */
    private String enrolledIn;

    public String enrolledIn() {
        return enrolledIn;
    }

    /** Already enrolled elsewhere: shown with the note, left out of the total and of the save. */
    public void markEnrolledIn(String householdId) {
        enrolledIn = householdId;
        quote.set(null);
    }

    /** Loaded with its enrolment for the year cancelled (作废) and none live: shown, not enrolled again unless edited. */
    private boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Its enrolment for the year was cancelled: the note says why; left out of the total and of the save. */
    public void markCancelled() {
        cancelled = true;
        quote.set(null);
    }

    public boolean isEnrolled() {
        return enrolled;
    }

    /** Loaded with a live enrolment: shown with its note, never quoted or enrolled again. */
    public void markEnrolled() {
        markEnrolled(null);
    }

    /** Loaded with a live enrolment whose stored quote (what the family was told and paid) is shown. */
    public void markEnrolled(MemberQuote stored) {
        enrolled = true;
        quote.set(stored);
    }

    public MemberQuote quote() {
        return quote.get();
    }

    public void setQuote(MemberQuote value) {
        quote.set(value);
    }

    public ObjectProperty<MemberQuote> quoteProperty() {
        return quote;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public String name() {
        return draft.get().name() == null ? "" : draft.get().name();
    }

    /** Masked ID number, or the birth certificate number of a newborn without one. */
    public String identity() {
        MemberDraft value = draft.get();
        return value.idNumber() != null && !value.idNumber().isBlank() ? IdMask.mask(value.idNumber().strip())
                : value.birthCertificateNo();
    }

    public List<String> categories() {
        return draft.get().categories();
    }

    // ---- what a card read or a scan said about the member (issue 18), kept with the person when saved ----

    private String insuranceCode;
    private String expiredCardReason;
    private java.time.LocalDate expiredCardValidTo;

    /** The 医保电子凭证 code scanned for this member, or null. */
    public String insuranceCode() {
        return insuranceCode;
    }

    /** Why the clerk accepted this member's expired identity card, or null. */
    public String expiredCardReason() {
        return expiredCardReason;
    }

    public java.time.LocalDate expiredCardValidTo() {
        return expiredCardValidTo;
    }

    public void setCardNote(String code, String reason, java.time.LocalDate validTo) {
        insuranceCode = code;
        expiredCardReason = reason;
        expiredCardValidTo = validTo;
    }
}
