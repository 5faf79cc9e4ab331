package canbao.cli;

import canbao.model.EnrollmentStatus;
import canbao.model.Location;
import canbao.model.Problem;
import canbao.model.Validated;
import canbao.policy.KnownHistory;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code canbao enroll --data DIR}: one household per input line, saved through exactly the same
 * checks, duplicate guard and transaction as the household screen. Each line is answered with what
 * was saved, or with every problem and nothing saved; exit 2 at the end when any line failed.
 */
public final class EnrollCommand {

    private static final Set<String> LINE_FIELDS = Set.of("household", "members");
    private static final Set<String> HOUSEHOLD_FIELDS = Set.of("number", "village", "group", "address", "phone");
    private static final Set<String> MEMBER_FIELDS = Set.of("name", "idNumber", "birthDate", "birthCertificateNo",
            "relation", "ethnicity", "categories", "employeeInsuranceEndedOn", "graduationYear", "enrollment",
            "coveredYears", "coverageEvidence", "repairYears");
    /** The evidence note of years a script declares without one. */
    private static final String DECLARED_BY_SCRIPT = "enroll 批量申报";
    private static final Set<String> ENROLLMENT_FIELDS = Set.of("policyYear", "tier", "paymentDate", "receiptNo",
            "status", "withGuardian", "cancelReason");
    private static final Set<String> CATEGORY_FIELDS = Set.of("code", "certifiedBy", "certifiedOn");

    /** A renewal line: {"renew":{"household":"0012","policyYear":2027,"receiptNo":"…"}} (issue 15). */
    private static final Set<String> RENEW_FIELDS = Set.of("household", "policyYear", "receiptNo", "members");

    private final HouseholdService households;
    private final canbao.service.RenewalService renewals;
    private final String operator;
    private final Locale locale;

    public EnrollCommand(HouseholdService households, String operator, Locale locale) {
        this(households, null, operator, locale);
    }

    /** @param renewals renews a household as last year ({@code renew} lines), through {@code households} */
    public EnrollCommand(HouseholdService households, canbao.service.RenewalService renewals, String operator,
                         Locale locale) {
        this.households = households;
        this.renewals = renewals;
        this.operator = operator;
        this.locale = locale;
    }

    /**
     * {@code enroll --data DIR --user LOGIN [--policy-dir DIR]}: saves households read as JSON lines,
     * under the operator's login, through the counter's own services (the window's tables, plus a
     * folder named here).
     */
    static int main(CommandLine cli, String[] args) throws Exception {
        Options options = Options.parse(args, 1, Set.of("data", "user", "policy-dir"));
        String directory = options.get("policy-dir");
        return cli.counter(options, false, directory == null ? null : java.nio.file.Path.of(directory),
                services -> new EnrollCommand(services.households(), services.renewals(), services.operator().login(),
                        cli.locale()).run(cli.stdin(), cli.stdoutBytes()));
    }

    public int run(BufferedReader in, OutputStream out) throws IOException {
        return JsonLines.answerEach(in, out, true, line -> {
            ObjectNode answer = answer(line);
            return new JsonLines.Answer(answer, answer.has("errors"));
        });
    }

    ObjectNode answer(String line) {
        JsonNode json;
        try {
            json = QuoteJson.readTree(line);
        } catch (JsonProcessingException e) {
            return QuoteJson.malformed(e.getOriginalMessage(), locale);
        }
        if (json != null && json.isObject() && json.has("renew") && renewals != null) {
            return renew(json);
        }
        List<Problem> problems = new ArrayList<>();
        HouseholdEntry entry = entry(json, problems);
        if (!problems.isEmpty()) {
            return QuoteJson.error(problems, locale);
        }
        return saved(households.save(entry, operator));
    }

    /**
     * 按上年续保 for scripts: the household's members still to renew (or those named by ID or birth
     * certificate number in {@code members}), paid today with the receipt given, through the same save as
     * any line. A member's problem is named by the masked ID number (renew.500230********1079.idNumber).
     */
    private ObjectNode renew(JsonNode json) {
        List<Problem> problems = new ArrayList<>();
        JsonFields line = JsonFields.of(json, Location.NONE, problems, Set.of("renew"));
        JsonNode renewNode = line == null ? null : line.node("renew");
        JsonFields renew = renewNode == null ? null : JsonFields.of(renewNode, Location.field("renew"), problems, RENEW_FIELDS);
        if (renew == null) {
            return QuoteJson.error(problems, locale);
        }
        String household = renew.code("household");
        Integer year = renew.integer("policyYear");
        String receipt = renew.code("receiptNo");
        List<String> identities = renew.texts("members");
        if (household == null) {
            problems.add(Problem.of("renew.household", "field.missing"));
        }
        if (year == null) {
            problems.add(Problem.of("renew.policyYear", "field.missing"));
        }
        if (!problems.isEmpty()) {
            return QuoteJson.error(problems, locale);
        }
        java.util.Collection<String> chosen = identities == null ? null
                : renewals.personIds(household, identities.stream().map(canbao.model.PersonKey::cleaned)
                .toList());
        canbao.service.RenewalService.Outcome outcome = renewals.renew(household, year, chosen, receipt, operator);
        if (!outcome.saved().isValid()) {
            List<Problem> named = new ArrayList<>();
            for (Problem problem : outcome.saved().problems()) {
                if (problem.location() instanceof canbao.model.Location.Member member) {
                    // the member by its masked identity, the field in it as the household answer names it
                    String within = member.within().text();
                    named.add(problem.at(canbao.model.Location.field("renew."
                            + outcome.persons().get(member.index()).maskedIdentity()
                            + (within.isEmpty() ? "" : "." + within))));
                } else {
                    named.add(problem);
                }
            }
            return QuoteJson.error(named, locale);
        }
        return saved(outcome.saved());
    }

    private ObjectNode saved(Validated<HouseholdService.Saved> saved) {
        if (!saved.isValid()) {
            return QuoteJson.error(saved.problems(), locale);
        }
        ObjectNode answer = QuoteJson.MAPPER.createObjectNode();
        answer.put("household", saved.value().household().id());
        ArrayNode members = answer.putArray("members");
        for (HouseholdService.SavedMember member : saved.value().members()) {
            ObjectNode node = members.addObject();
            node.put("person", member.person().id());
            node.put("enrollment", member.enrollment() == null ? null : member.enrollment().id());
            if (member.enrollment() != null) {
                node.put("status", member.enrollment().status().code());
                node.put("kind", member.enrollment().kind());
                node.put("payable", member.enrollment().payable().yuan());
                node.put("benefitStart", text(member.enrollment().benefitStart()));
                node.put("benefitEnd", text(member.enrollment().benefitEnd()));
            }
        }
        return answer;
    }

    static HouseholdEntry entry(JsonNode json, List<Problem> problems) {
        JsonFields line = JsonFields.of(json, Location.NONE, problems, LINE_FIELDS);
        if (line == null) {
            return null;
        }
        JsonNode householdNode = line.node("household");
        JsonFields household = householdNode == null ? null
                : JsonFields.of(householdNode, Location.field("household"), problems, HOUSEHOLD_FIELDS);
        if (householdNode == null) {
            problems.add(Problem.of("household", "field.missing"));
        }
        List<HouseholdEntry.Member> members = new ArrayList<>();
        List<JsonNode> memberNodes = line.array("members");
        if (memberNodes != null) {
            for (int i = 0; i < memberNodes.size(); i++) {
                HouseholdEntry.Member member = member(memberNodes.get(i), new Location.Member(i, Location.NONE), problems);
                if (member != null) {
                    members.add(member);
                }
            }
        }
        if (household == null) {
            return null;
        }
        return new HouseholdEntry(household.code("number"), household.text("village"), household.text("group"),
                household.text("address"), household.code("phone"), members);
    }

    private static HouseholdEntry.Member member(JsonNode node, Location path, List<Problem> problems) {
        JsonFields fields = JsonFields.of(node, path, problems, MEMBER_FIELDS);
        if (fields == null) {
            return null;
        }
        List<HouseholdEntry.Category> categories = null;
        List<JsonNode> categoryNodes = fields.array("categories");
        if (categoryNodes != null) {
            categories = new ArrayList<>();
            for (int c = 0; c < categoryNodes.size(); c++) {
                JsonNode category = categoryNodes.get(c);
                Location categoryPath = path.child("categories").element(c);
                if (category.isTextual()) {
                    categories.add(new HouseholdEntry.Category(category.textValue(), null, null));
                } else {
                    JsonFields categoryFields = JsonFields.of(category, categoryPath, problems, CATEGORY_FIELDS);
                    if (categoryFields != null) {
                        categories.add(new HouseholdEntry.Category(categoryFields.text("code"),
                                categoryFields.text("certifiedBy"), categoryFields.date("certifiedOn")));
                    }
                }
            }
        }
        Integer repairYears = fields.integer("repairYears");
        HouseholdEntry.EnrollmentRequest enrollment = null;
        JsonNode enrollmentNode = fields.node("enrollment");
        if (enrollmentNode != null) {
            JsonFields e = JsonFields.of(enrollmentNode, path.child("enrollment"), problems, ENROLLMENT_FIELDS);
            if (e != null) {
                enrollment = new HouseholdEntry.EnrollmentRequest(e.integer("policyYear"), e.integer("tier"),
                        e.date("paymentDate"), e.code("receiptNo"), status(e, problems), e.code("withGuardian"),
                        repairYears, e.text("cancelReason"));
            }
        } else if (repairYears != null && repairYears != 0) {
            problems.add(Problem.at(fields.field("repairYears"), "repairYears.withoutEnrollment"));
        }
        // years the script declares, as a clerk would at the screen: kept with the person, marked declared
        List<Integer> covered = fields.integers("coveredYears");
        KnownHistory history = KnownHistory.NONE;
        if (covered != null && enrollment != null && enrollment.policyYear() != null) {
            // named at the place the script wrote them (the service sees them as a set)
            for (int i = 0; i < covered.size(); i++) {
                Integer year = covered.get(i);
                if (year != null && year > enrollment.policyYear()) {
                    problems.add(Problem.at(fields.field("coveredYears").element(i),
                            "coveredYears.afterQuotedYear", year, enrollment.policyYear()));
                }
            }
        }
        if (covered != null) {
            String evidence = fields.text("coverageEvidence");
            history = history.with(KnownHistory.Source.DECLARED,
                    covered.stream().filter(java.util.Objects::nonNull).toList(),
                    evidence == null || evidence.isBlank() ? DECLARED_BY_SCRIPT : evidence.strip());
        }
        return new HouseholdEntry.Member(fields.text("name"), fields.text("idNumber"), fields.date("birthDate"),
                fields.text("birthCertificateNo"), fields.text("relation"), fields.text("ethnicity"), categories,
                fields.date("employeeInsuranceEndedOn"), fields.integer("graduationYear"), enrollment, history);
    }

    /**
     * The enrolment's status from its stored code, in any case and spacing ("paid", "draft",
     * "cancelled"); null (a paid one) when absent. Any other text is refused here, where it was written.
     */
    private static EnrollmentStatus status(JsonFields enrollment, List<Problem> problems) {
        String code = enrollment.text("status");
        if (code == null) {
            return null;
        }
        Optional<EnrollmentStatus> status = EnrollmentStatus.fromCode(code.strip().toLowerCase(Locale.ROOT));
        if (status.isEmpty()) {
            problems.add(Problem.at(enrollment.field("status"), "enrollment.status", code));
        }
        return status.orElse(null);
    }

    private static String text(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }
}
