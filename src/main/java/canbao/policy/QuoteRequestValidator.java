package canbao.policy;

import canbao.model.Location;
import canbao.model.Problem;
import canbao.model.Tier;
import canbao.model.Validated;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one set of checks every entry point (counter screens, {@code quote}, {@code enroll}) applies
 * before a fee is computed. Each problem names its field, so the screen can show it next to the
 * field and the command line can name it in its answer.
 */
public final class QuoteRequestValidator {

    private static final Pattern BIRTH_CERTIFICATE = Pattern.compile("[A-Z0-9]{4,20}");

    /** Whether a (trimmed, upper-case) 出生医学证明编号 has the form the counter takes: 4–20 letters and digits. */
    public static boolean isBirthCertificateNo(String certificate) {
        return BIRTH_CERTIFICATE.matcher(certificate).matches();
    }
    private static final int EARLIEST_GRADUATION_YEAR = 1950;
    /** Members a request may quote: a household (户口簿) and then some; more is not a family. */
    public static final int MAX_MEMBERS = 50;
    /** Years of coverage history a request may list: a lifetime, and no more. */
    public static final int MAX_COVERED_YEARS = 150;
    private static final int EARLIEST_COVERED_YEAR = 1900;

    private final PolicyLibrary library;
    private final Clock clock;

    public QuoteRequestValidator(PolicyLibrary library, Clock clock) {
        this.library = library;
        this.clock = clock;
    }

    public Validated<QuoteRequest> validate(QuoteDraft draft) {
        List<Problem> problems = new ArrayList<>();
        PolicyTable table = null;
        if (draft.policyYear() == null) {
            problems.add(Problem.of("policyYear", "field.missing"));
        } else {
            table = library.table(draft.policyYear()).orElse(null);
            if (table == null) {
                problems.add(Problem.of("policyYear", "policyYear.noTable", draft.policyYear(), yearsKnown()));
            }
        }
        if (draft.county() == null) {
            problems.add(Problem.of("county", "field.missing"));
        } else if (!FieldRules.isCountyCode(draft.county())) {
            problems.add(Problem.of("county", "county.format", draft.county()));
        }
        if (draft.date() == null) {
            problems.add(Problem.of("date", "field.missing"));
        }
        List<PersonFacts> members = new ArrayList<>();
        if (draft.members() == null) {
            problems.add(Problem.of("members", "field.missing"));
        } else if (draft.members().isEmpty()) {
            problems.add(Problem.of("members", "members.empty"));
        } else if (draft.members().size() > MAX_MEMBERS) {
            problems.add(Problem.of("members", "members.tooMany", draft.members().size(), MAX_MEMBERS));
        } else {
            for (int i = 0; i < draft.members().size(); i++) {
                int index = i;
                Validated<PersonFacts> member = validateMember(draft.members().get(i), table, draft.date());
                if (member.isValid()) {
                    members.add(member.value());
                } else {
                    member.problems().forEach(problem -> problems.add(problem.inMember(index)));
                }
            }
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return Validated.valid(new QuoteRequest(table, draft.county(), draft.date(), members));
    }

    /**
     * Checks one member. Without a table the categories cannot be checked and are left alone; without
     * a payment date the dates are checked only against today.
     */
    public Validated<PersonFacts> validateMember(MemberDraft draft, PolicyTable table, LocalDate paymentDate) {
        return validatePerson(draft, table, paymentDate, true);
    }

    /**
     * Checks a person who may not be enrolling now (a household member without an enrolment): then
     * the tier may be missing, and categories are checked against every known policy year.
     */
    public Validated<PersonFacts> validatePerson(MemberDraft draft, PolicyTable table, LocalDate paymentDate,
                                                 boolean tierRequired) {
        LocalDate today = LocalDate.now(clock);
        List<Problem> problems = new ArrayList<>();
        String idNumber = null;
        LocalDate birthDate = null;
        canbao.model.Sex sex = null;
        String certificate = blankToNull(draft.birthCertificateNo());
        if (certificate != null) {
            certificate = certificate.toUpperCase(Locale.ROOT);
            if (!BIRTH_CERTIFICATE.matcher(certificate).matches()) {
                problems.add(Problem.of("birthCertificateNo", "birthCertificateNo.format"));
            }
        }
        if (blankToNull(draft.idNumber()) != null) {
            try {
                ResidentId id = ResidentId.parse(draft.idNumber(), today);
                idNumber = id.number();
                birthDate = id.birthDate();
                sex = id.sex();
                if (paymentDate != null && birthDate.isAfter(paymentDate)) {
                    problems.add(Problem.of("idNumber", "birthDate.afterPayment", birthDate, paymentDate));
                }
                if (draft.birthDate() != null && !draft.birthDate().equals(birthDate)) {
                    problems.add(Problem.of("birthDate", "birthDate.mismatch", draft.birthDate(), birthDate));
                }
            } catch (ResidentId.InvalidException e) {
                problems.add(e.problem().under("idNumber"));
            }
        } else {
            // a newborn without an identity number: birth date + 出生医学证明 number
            if (draft.birthDate() == null || certificate == null) {
                problems.add(Problem.of("idNumber", "identity.missing"));
            }
            if (draft.birthDate() != null) {
                birthDate = draft.birthDate();
                if (birthDate.isAfter(today)) {
                    problems.add(Problem.of("birthDate", "birthDate.future", birthDate));
                } else if (paymentDate != null && birthDate.isAfter(paymentDate)) {
                    problems.add(Problem.of("birthDate", "birthDate.afterPayment", birthDate, paymentDate));
                }
            }
        }

        Tier tier = null;
        if (draft.tier() == null) {
            if (tierRequired) {
                problems.add(Problem.of("tier", "field.missing"));
            }
        } else {
            Optional<Tier> known = Tier.ofNumber(draft.tier());
            if (known.isEmpty()) {
                problems.add(Problem.of("tier", "tier.invalid", draft.tier()));
            } else {
                tier = known.get();
            }
        }

        LinkedHashSet<String> categories = new LinkedHashSet<>();
        for (int i = 0; i < draft.categories().size(); i++) {
            String code = draft.categories().get(i);
            if (code == null || code.isBlank()) {
                problems.add(Problem.at(Location.item("categories", i), "field.missing"));
            } else if (table != null && table.category(code).isEmpty()) {
                problems.add(Problem.at(Location.item("categories", i), "category.unknown", code, table.year()));
            } else if (table == null && !library.isKnownCategory(code)) {
                problems.add(Problem.at(Location.item("categories", i), "category.unknownAnyYear", code));
            } else {
                categories.add(code);
            }
        }

        LocalDate employeeEnded = draft.employeeInsuranceEndedOn();
        if (employeeEnded != null && paymentDate != null && employeeEnded.isAfter(paymentDate)) {
            problems.add(Problem.of("employeeInsuranceEndedOn", "employeeInsurance.afterPayment",
                    employeeEnded, paymentDate));
        }
        Integer graduationYear = draft.graduationYear();
        if (graduationYear != null && (graduationYear < EARLIEST_GRADUATION_YEAR || graduationYear > today.getYear() + 10)) {
            problems.add(Problem.of("graduationYear", "graduationYear.range", graduationYear));
        }

        java.util.SortedSet<Integer> covered = coveredYears(draft.coveredYears(), table, problems);
        int repair = repairYears(draft.repairYears(), table, birthDate, covered, problems);

        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return Validated.valid(new PersonFacts(blankToNull(draft.name()), idNumber, certificate, birthDate, sex, tier,
                List.copyOf(categories), employeeEnded, graduationYear, covered, repair));
    }

    /**
     * The covered years as a set (duplicates count once), or null when not given. A year after the
     * quoted one is an error naming its place; the quoted year itself changes nothing.
     */
    private static java.util.SortedSet<Integer> coveredYears(List<Integer> given, PolicyTable table,
                                                             List<Problem> problems) {
        if (given == null) {
            return null;
        }
        if (given.size() > MAX_COVERED_YEARS) {
            problems.add(Problem.of("coveredYears", "coveredYears.tooMany", MAX_COVERED_YEARS));
            return null;
        }
        java.util.SortedSet<Integer> covered = new java.util.TreeSet<>();
        int latest = table == null ? 2100 : table.year();
        for (int i = 0; i < given.size(); i++) {
            Integer year = given.get(i);
            Location field = Location.item("coveredYears", i);
            if (year == null) {
                problems.add(Problem.at(field, "field.missing"));
            } else if (year > latest) {
                problems.add(Problem.at(field, "coveredYears.afterQuotedYear", year, latest));
            } else if (year < EARLIEST_COVERED_YEAR) {
                problems.add(Problem.at(field, "coveredYears.range", year, EARLIEST_COVERED_YEAR));
            } else {
                covered.add(year);
            }
        }
        return covered;
    }

    /** 0 ≤ repair ≤ broken years (which need the history; without one nothing can be repaired). */
    private static int repairYears(Integer given, PolicyTable table, LocalDate birthDate,
                                   java.util.SortedSet<Integer> covered, List<Problem> problems) {
        if (given == null || given == 0) {
            return 0;
        }
        if (given < 0) {
            problems.add(Problem.of("repairYears", "repairYears.negative", given));
            return 0;
        }
        if (table == null || birthDate == null) {
            // the broken years are unknown without a table and a birth date; those problems are reported already
            return given;
        }
        int broken = CoverageHistory.brokenYears(table, birthDate.getYear(), covered);
        if (given > broken) {
            problems.add(Problem.of("repairYears", covered == null ? "repairYears.noHistory" : "repairYears.moreThanBroken",
                    given, broken));
            return 0;
        }
        return given;
    }

    /** An ID number alone, as checked when the clerk leaves the field: no problems when blank or valid. */
    public List<Problem> checkIdNumber(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        try {
            ResidentId.parse(typed, LocalDate.now(clock));
            return List.of();
        } catch (ResidentId.InvalidException e) {
            return List.of(e.problem());
        }
    }

    private String yearsKnown() {
        return library.yearsText();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
