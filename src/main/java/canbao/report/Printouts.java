package canbao.report;

import canbao.model.Enrollment;
import canbao.model.EnrollmentStatus;
import canbao.model.Localization;
import canbao.model.Money;
import canbao.model.PersonCategory;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.service.HouseholdService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the counter hands over or files for a household, as PDF: the 费用告知单 (what each member
 * pays and from when they are covered; ID numbers masked, it goes home with the family), the
 * 缴费凭条 (what was paid, under which receipt, when and to whom; masked too, for the same reason) and
 * the 参保登记表 (the registration form signed by the head of household and kept by the office, with
 * full ID numbers). Each is made in memory and named ("缴费凭条 户0012 2022-01-10"): printed or saved
 * where the operator chooses, never through a temporary file.
 */
public final class Printouts {

    /** A finished printout: its name (the print job's and the file's) and the PDF. */
    public record Document(String name, byte[] pdf) {

        public void save(Path file) throws IOException {
            java.nio.file.Files.write(file, pdf);
        }
    }

    /** The printout has nothing to show (a receipt for a household with no payment this year). */
    public static final class NothingToPrint extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingToPrint(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyLibrary policies;
    /** The mark of a figure resting on a provisional table figure (待区县核定), as on the screens. */
    private static final String PROVISIONAL_MARK = "※";

    private final String township;
    private final String operator;
    private final Locale locale;

    public Printouts(PolicyLibrary policies, String township, String operator, Locale locale) {
        this.policies = policies;
        this.township = township;
        this.operator = operator;
        this.locale = locale;
    }

    public void quoteSlip(HouseholdService.Loaded household, int year, LocalDate today, Path file)
            throws IOException {
        quoteSlip(household, year, today).save(file);
    }

    public Document quoteSlip(HouseholdService.Loaded household, int year, LocalDate today) throws IOException {
        String documentName = name("print.slip.name", household, today);
        List<List<String>> rows = new ArrayList<>();
        Money total = Money.ZERO;
        boolean anyProvisional = false;
        for (HouseholdService.LoadedMember member : household.members()) {
            Enrollment enrollment = member.enrollment();
            String name = member.person().name();
            String identity = member.person().maskedIdentity();
            if (enrollment == null) {
                rows.add(List.of(name, identity, "—", "", "", "", "", text("print.notEnrolled")));
                continue;
            }
            JsonNode quote = JSON.readTree(enrollment.quoteSnapshot());
            String tier = enrollment.tier() == null ? text("print.withGuardian")
                    : Localization.text(locale, "tier." + enrollment.tier().number());
            boolean provisional = quote.path("provisional").asBoolean(false);
            anyProvisional |= provisional;
            String extra = yuan(quote, "surcharge");
            if (quote.path("repairYears").asInt(0) > 0) {
                extra = Localization.format(locale, "print.slip.repair", extra, quote.get("repairYears").asInt(),
                        yuan(quote, "repair"));
            }
            String period = enrollment.benefitStart() == null ? ""
                    : enrollment.benefitStart() + " 至 " + enrollment.benefitEnd();
            if (quote.hasNonNull("waitingMonths")) {
                period += Localization.format(locale, "print.slip.waiting", quote.get("waitingMonths").asInt());
            }
            String mark = provisional ? PROVISIONAL_MARK : "";
            rows.add(List.of(name, identity, tier, yuan(quote, "standard"), yuan(quote, "subsidy"), extra,
                    enrollment.payable() + "元" + mark, period + mark));
            total = total.plus(enrollment.payable());
        }
        try (PdfDocument pdf = new PdfDocument()) {
            pdf.name(documentName).title(Localization.format(locale, "print.slip.title", year))
                    .line(Localization.format(locale, "print.household", township, household.household().village(),
                            household.household().number()))
                    .gap()
                    .table(List.of("姓名", "身份证号", "档次", "标准", "资助", "加收/补缴", "应缴", "待遇享受期"),
                            new float[] {1.0f, 2.6f, 0.7f, 0.8f, 0.8f, 1.1f, 1.0f, 3.0f}, rows, Set.of(1))
                    .line(Localization.format(locale, "print.slip.total", total));
            if (anyProvisional) {
                pdf.line(Localization.text(locale, "quote.provisionalLegend"));
            }
            pdf.gap()
                    .line(Localization.format(locale, "print.footer", today, operator));
            return new Document(documentName, pdf.bytes());
        }
    }

    /**
     * 缴费凭条: the members with a paid enrolment for the year (and newborns covered with a guardian, at
     * 0 yuan), each with the payment date, receipt number and amount, the total in figures and in
     * capitals, the township, household and operator. ID numbers are masked: the slip goes home with
     * the family and is shown around (bank, school, employer), and the office keeps the full numbers on
     * the 参保登记表; name, the first six and last four digits tell the members apart.
     *
     * @throws NothingToPrint when no member has a paid enrolment for the year
     */
    public Document receipt(HouseholdService.Loaded household, int year, LocalDate today) throws IOException {
        String name = name("print.receipt.name", household, today);
        List<List<String>> rows = new ArrayList<>();
        Set<String> receipts = new LinkedHashSet<>();
        Set<LocalDate> dates = new LinkedHashSet<>();
        Money total = Money.ZERO;
        for (HouseholdService.LoadedMember member : household.members()) {
            Enrollment enrollment = member.enrollment();
            if (enrollment == null || enrollment.status() != EnrollmentStatus.PAID) {
                continue;
            }
            String tier = enrollment.tier() == null ? text("print.withGuardian")
                    : Localization.text(locale, "tier." + enrollment.tier().number());
            if (enrollment.receiptNo() != null) {
                receipts.add(enrollment.receiptNo());
            }
            if (enrollment.paymentDate() != null) {
                dates.add(enrollment.paymentDate());
            }
            rows.add(List.of(String.valueOf(rows.size() + 1), member.person().name(),
                    member.person().maskedIdentity(), tier,
                    enrollment.paymentDate() == null ? "" : enrollment.paymentDate().toString(),
                    nz(enrollment.receiptNo()), enrollment.payable() + "元"));
            total = total.plus(enrollment.payable());
        }
        if (rows.isEmpty()) {
            throw new NothingToPrint(Localization.format(locale, "print.receipt.nothingPaid",
                    household.household().number(), year));
        }
        var h = household.household();
        try (PdfDocument pdf = new PdfDocument()) {
            pdf.name(name).title(Localization.format(locale, "print.receipt.title", year))
                    .line(Localization.format(locale, "print.household", township, h.village(), h.number()))
                    .line(Localization.format(locale, "print.receipt.paid",
                            receipts.isEmpty() ? "—" : String.join("、", receipts),
                            dates.stream().map(LocalDate::toString).collect(Collectors.joining("、"))))
                    .gap()
                    .table(List.of("序号", "姓名", "身份证号", "档次", "缴费日期", "收据号", "金额"),
                            new float[] {0.5f, 1.1f, 2.6f, 0.9f, 1.4f, 1.2f, 1.1f}, rows, Set.of(2, 4, 6))
                    .line(Localization.format(locale, "print.receipt.total", rows.size(), total,
                            AmountInWords.of(total)))
                    .gap()
                    .line(Localization.format(locale, "print.receipt.operator", operator, today))
                    .line(text("print.receipt.masked"));
            return new Document(name, pdf.bytes());
        }
    }

    public void enrollmentForm(HouseholdService.Loaded household, int year, LocalDate today, Path file)
            throws IOException {
        enrollmentForm(household, year, today).save(file);
    }

    /**
     * 参保登记表, with full ID numbers never broken across lines, the total of the enrolments and the
     * receipt numbers they were paid under.
     */
    public Document enrollmentForm(HouseholdService.Loaded household, int year, LocalDate today)
            throws IOException {
        String name = name("print.form.name", household, today);
        Money total = Money.ZERO;
        int enrolled = 0;
        Set<String> receipts = new LinkedHashSet<>();
        PolicyTable table = policies.table(year).orElse(null);
        List<List<String>> rows = new ArrayList<>();
        for (HouseholdService.LoadedMember member : household.members()) {
            var person = member.person();
            Enrollment enrollment = member.enrollment();
            String categories = member.categories().stream().map(PersonCategory::code)
                    .map(code -> table == null ? code : table.category(code).map(PolicyTable.Category::name)
                            .map(n -> n.contains("（") ? n.substring(0, n.indexOf('（')) : n).orElse(code))
                    .collect(Collectors.joining("、"));
            rows.add(List.of(person.name(),
                    person.idNumber() != null ? person.idNumber() : person.birthCertificateNo(),
                    person.sex() == null ? "" : Localization.text(locale, "sex." + person.sex().name().toLowerCase(Locale.ROOT)),
                    String.valueOf(person.birthDate()), nz(person.ethnicity()), nz(person.relation()), categories,
                    enrollment == null ? "—" : enrollment.tier() == null ? text("print.withGuardian")
                            : Localization.text(locale, "tier." + enrollment.tier().number()),
                    enrollment == null || enrollment.paymentDate() == null ? "" : enrollment.paymentDate().toString(),
                    enrollment == null ? "" : enrollment.payable() + "元"));
            if (enrollment != null) {
                enrolled++;
                total = total.plus(enrollment.payable());
                if (enrollment.receiptNo() != null) {
                    receipts.add(enrollment.receiptNo());
                }
            }
        }
        var h = household.household();
        try (PdfDocument pdf = new PdfDocument()) {
            pdf.name(name).title(Localization.format(locale, "print.form.title", year))
                    .line(Localization.format(locale, "print.household", township, h.village(), h.number()))
                    .line(Localization.format(locale, "print.form.address", nz(h.groupName()), nz(h.address()),
                            nz(h.phone())))
                    .gap()
                    .table(List.of("姓名", "身份证号/出生证", "性别", "出生日期", "民族", "关系", "资助类别", "档次", "缴费日期",
                                    "应缴"),
                            new float[] {1.0f, 2.4f, 0.6f, 1.3f, 0.7f, 0.7f, 1.4f, 0.8f, 1.3f, 0.9f}, rows,
                            Set.of(1, 3, 8, 9))
                    .line(Localization.format(locale, "print.form.total", enrolled, total))
                    .line(Localization.format(locale, "print.form.receipts",
                            receipts.isEmpty() ? "—" : String.join("、", receipts)))
                    .gap()
                    .line(Localization.format(locale, "print.form.sign", operator, today))
                    .line(Localization.format(locale, "print.footer", today, operator));
            return new Document(name, pdf.bytes());
        }
    }

    /** "缴费凭条 户0012 2022-01-10": the print job's name and the file's. */
    private String name(String key, HouseholdService.Loaded household, LocalDate today) {
        return Localization.format(locale, key, household.household().number(), today.toString());
    }

    private static String yuan(JsonNode quote, String field) {
        return quote.hasNonNull(field) ? quote.get(field).decimalValue().stripTrailingZeros().toPlainString() + "元"
                : "";
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }

    private String text(String key) {
        return Localization.text(locale, key);
    }
}
