package canbao.report;

import canbao.model.Problem;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.ResidentId;
import canbao.store.RosterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * 导入: the household roster (户籍花名册), the low-income ledger (低收入人口台账) and the village targets
 * (应参保人数), from XLSX or CSV. Every line is checked first and every problem is reported with its
 * line and column; a file with any problem imports nothing (the clerk fixes the file and imports it
 * again), so no file is ever half in. Re-importing the same file changes nothing.
 */
public final class RosterImport {

    /** The three files, with their exact Chinese headers. */
    public enum Kind {
        ROSTER(List.of("户号", "村(社区)", "组", "姓名", "身份证号", "与户主关系", "民族", "联系电话")),
        LEDGER(List.of("姓名", "身份证号", "类别", "认定部门", "认定日期")),
        TARGETS(List.of("村(社区)", "应参保人数"));

        private final List<String> headers;

        Kind(List<String> headers) {
            this.headers = headers;
        }

        public List<String> headers() {
            return headers;
        }

        public static Optional<Kind> of(String name) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** The result: the file's encoding, rows read, and what the store did (or every problem). */
    public record Report(Kind kind, String encoding, int rows, RosterStore.Outcome outcome) {
        public boolean isValid() {
            return outcome.isValid();
        }
    }

    private static final int MAX_TEXT = 100;

    private final RosterStore store;
    private final PolicyLibrary policies;
    private final Clock clock;

    public RosterImport(RosterStore store, PolicyLibrary policies, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    public Report run(Kind kind, Path file, String operator, BiConsumer<Integer, Integer> progress)
            throws IOException {
        TableFile table = TableFile.read(file);
        List<Problem> problems = new ArrayList<>();
        int[] columns = columns(kind, table.headers(), problems);
        if (!problems.isEmpty()) {
            return new Report(kind, table.encoding(), table.lines().size(), refused(problems));
        }
        if (table.lines().isEmpty()) {
            return new Report(kind, table.encoding(), 0, refused(List.of(Problem.of("", "import.empty"))));
        }
        RosterStore.Outcome outcome = switch (kind) {
            case ROSTER -> {
                List<RosterStore.RosterRow> rows = roster(table, columns, problems);
                // the rows that read well are checked against the store too: one report names everything
                yield store.roster(rows, operator, progress, problems);
            }
            case LEDGER -> {
                List<RosterStore.LedgerRow> rows = ledger(table, columns, problems);
                yield store.ledger(rows, operator, progress, problems);
            }
            case TARGETS -> {
                List<RosterStore.TargetRow> rows = targets(table, columns, problems);
                yield problems.isEmpty() ? store.targets(rows, operator) : refused(problems);
            }
        };
        return new Report(kind, table.encoding(), table.lines().size(), outcome);
    }

    private static RosterStore.Outcome refused(List<Problem> problems) {
        return new RosterStore.Outcome(0, 0, 0, List.copyOf(problems));
    }

    /** Where each expected header is; missing or unknown headers are problems of the file. */
    private static int[] columns(Kind kind, List<String> headers, List<Problem> problems) {
        String expected = String.join(", ", kind.headers());
        Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = normalize(headers.get(i));
            if (header.isEmpty()) {
                continue;
            }
            if (!kind.headers().contains(header)) {
                problems.add(Problem.of("表头", "import.header.unknown", headers.get(i), expected));
            }
            found.putIfAbsent(header, i);
        }
        int[] columns = new int[kind.headers().size()];
        for (int i = 0; i < columns.length; i++) {
            Integer at = found.get(kind.headers().get(i));
            if (at == null) {
                problems.add(Problem.of("表头", "import.header.missing", kind.headers().get(i), expected));
                columns[i] = -1;
            } else {
                columns[i] = at;
            }
        }
        return columns;
    }

    /** Full-width parentheses and spaces, as Excel users type them, read as the template's. */
    private static String normalize(String header) {
        return header.replace('（', '(').replace('）', ')').replace("\u3000", "").replace(" ", "").strip();
    }

    private List<RosterStore.RosterRow> roster(TableFile table, int[] columns, List<Problem> problems) {
        List<RosterStore.RosterRow> rows = new ArrayList<>();
        Map<String, String> villageOf = new HashMap<>();
        Set<String> seen = new HashSet<>();
        LocalDate today = LocalDate.now(clock);
        Map<String, String> phoneOf = householdPhones(table, columns);
        for (TableFile.Line line : table.lines()) {
            int before = problems.size();
            numberCell(line, columns[0], "户号", problems);
            numberCell(line, columns[4], "身份证号", problems);
            String number = required(line, columns[0], "户号", problems);
            String village = required(line, columns[1], "村(社区)", problems);
            String group = optional(line, columns[2], "组", problems);
            String name = required(line, columns[3], "姓名", problems);
            String rawId = line.cell(columns[4]);
            String relation = optional(line, columns[5], "与户主关系", problems);
            String ethnicity = optional(line, columns[6], "民族", problems);
            if (ethnicity != null && canbao.model.HouseholdWords.ethnicity(ethnicity).isEmpty()) {
                problems.add(RosterStore.at(line.number(), "民族", "member.ethnicity.unknown", ethnicity));
            }
            String phone = optional(line, columns[7], "联系电话", problems);
            if (phone != null && !canbao.model.PhoneNumber.isValid(phone)) {
                problems.add(RosterStore.at(line.number(), "联系电话", "import.phone"));
            }
            ResidentId id = null;
            if (line.isNumber(columns[4])) {
                // said once by numberCell: the digits are not the person's
            } else if (rawId.isEmpty()) {
                problems.add(RosterStore.at(line.number(), "身份证号", "import.required", "身份证号"));
            } else {
                try {
                    id = ResidentId.parse(rawId, today);
                    if (!seen.add(id.number())) {
                        problems.add(RosterStore.at(line.number(), "身份证号", "import.duplicateInFile",
                                id.masked()));
                    }
                } catch (ResidentId.InvalidException e) {
                    problems.add(RosterStore.at(line.number(), "身份证号", e.problem().key(),
                            e.problem().arguments().toArray()));
                }
            }
            if (number != null && village != null) {
                String first = villageOf.putIfAbsent(number.toLowerCase(Locale.ROOT), village + "\u0000" + group);
                if (first != null && !first.equals(village + "\u0000" + group)) {
                    String[] was = first.split("\u0000", -1);
                    boolean villageDiffers = !was[0].equals(village);
                    String header = villageDiffers ? "村(社区)" : "组";
                    problems.add(RosterStore.at(line.number(), header, "import.householdDiffers", number, header,
                            villageDiffers ? was[0] : was[1].equals("null") ? "" : was[1],
                            villageDiffers ? village : group == null ? "" : group));
                }
            }
            if (problems.size() == before) {
                // the household keeps one phone (the head's): a member's own number is no disagreement
                String householdPhone = number == null ? phone : phoneOf.get(number.toLowerCase(Locale.ROOT));
                rows.add(new RosterStore.RosterRow(line.number(), number, village, group, name, id.number(),
                        id.birthDate(), id.sex(), relation, ethnicity, householdPhone));
            }
        }
        return rows;
    }

    /**
     * The phone each household keeps: the 户主's number when the file gives one, else the first number
     * written for the household (members often give their own mobiles).
     */
    private static Map<String, String> householdPhones(TableFile table, int[] columns) {
        Map<String, String> phones = new HashMap<>();
        Set<String> fromHead = new HashSet<>();
        for (TableFile.Line line : table.lines()) {
            String number = line.cell(columns[0]).toLowerCase(Locale.ROOT);
            String phone = line.cell(columns[7]);
            if (number.isEmpty() || phone.isEmpty() || fromHead.contains(number)) {
                continue;
            }
            if (HEAD.equals(line.cell(columns[5]))) {
                phones.put(number, phone);
                fromHead.add(number);
            } else {
                phones.putIfAbsent(number, phone);
            }
        }
        return phones;
    }

    private static final String HEAD = "户主";

    /**
     * A number a spreadsheet program stored as a number: an ID number kept 15 significant digits (the
     * last three are gone, and 1 in 11 still passes the check digit — a different person), a 户号 lost
     * its leading zeros. Refused on every such row, with how to fix the file.
     */
    private static void numberCell(TableFile.Line line, int column, String header, List<Problem> problems) {
        if (line.isNumber(column)) {
            problems.add(RosterStore.at(line.number(), header, "import.numberCell", header));
        }
    }

    private List<RosterStore.LedgerRow> ledger(TableFile table, int[] columns, List<Problem> problems) {
        PolicyTable latest = policies.table(policies.years().last()).orElseThrow();
        List<RosterStore.LedgerRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        LocalDate today = LocalDate.now(clock);
        for (TableFile.Line line : table.lines()) {
            int before = problems.size();
            String name = required(line, columns[0], "姓名", problems);
            String rawId = line.cell(columns[1]);
            numberCell(line, columns[1], "身份证号", problems);
            String category = required(line, columns[2], "类别", problems);
            String certifiedBy = optional(line, columns[3], "认定部门", problems);
            String rawDate = line.cell(columns[4]);
            ResidentId id = null;
            if (line.isNumber(columns[1])) {
                // said by numberCell
            } else if (rawId.isEmpty()) {
                problems.add(RosterStore.at(line.number(), "身份证号", "import.required", "身份证号"));
            } else {
                try {
                    id = ResidentId.parse(rawId, today);
                } catch (ResidentId.InvalidException e) {
                    problems.add(RosterStore.at(line.number(), "身份证号", e.problem().key(),
                            e.problem().arguments().toArray()));
                }
            }
            String code = category == null ? null : categoryCode(latest, category).orElse(null);
            if (category != null && code == null) {
                problems.add(RosterStore.at(line.number(), "类别", "import.category.unknown", category));
            }
            LocalDate certifiedOn = null;
            if (!rawDate.isEmpty()) {
                try {
                    certifiedOn = LocalDate.parse(rawDate.replace('/', '-').replace('.', '-'));
                    if (certifiedOn.isAfter(today)) {
                        problems.add(RosterStore.at(line.number(), "认定日期", "import.date.future"));
                    }
                } catch (DateTimeParseException e) {
                    problems.add(RosterStore.at(line.number(), "认定日期", "import.date"));
                }
            }
            if (id != null && code != null && !seen.add(id.number() + "/" + code)) {
                problems.add(RosterStore.at(line.number(), "身份证号", "import.ledgerTwice", id.masked(), category));
            }
            if (problems.size() == before) {
                rows.add(new RosterStore.LedgerRow(line.number(), name, id.number(), code, certifiedBy, certifiedOn));
            }
        }
        return rows;
    }

    /** A category by its Chinese name in the policy table: whole, or the part before its parentheses. */
    static Optional<String> categoryCode(PolicyTable table, String written) {
        String wanted = written.replace('(', '（').replace(')', '）').strip();
        for (PolicyTable.Category category : table.categories().values()) {
            String name = category.name();
            int paren = name.indexOf('（');
            if (name.equals(wanted) || paren > 0 && name.substring(0, paren).strip().equals(wanted)) {
                return Optional.of(category.code());
            }
        }
        return Optional.empty();
    }

    private static List<RosterStore.TargetRow> targets(TableFile table, int[] columns, List<Problem> problems) {
        List<RosterStore.TargetRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TableFile.Line line : table.lines()) {
            int before = problems.size();
            String village = required(line, columns[0], "村(社区)", problems);
            String raw = line.cell(columns[1]);
            int target = -1;
            if (!raw.matches("\\d{1,7}")) {
                problems.add(RosterStore.at(line.number(), "应参保人数", "import.target"));
            } else {
                target = Integer.parseInt(raw);
            }
            if (village != null && !seen.add(village.toLowerCase(Locale.ROOT))) {
                problems.add(RosterStore.at(line.number(), "村(社区)", "import.duplicateVillage", village));
            }
            if (problems.size() == before) {
                rows.add(new RosterStore.TargetRow(line.number(), village, target));
            }
        }
        return rows;
    }

    private static String required(TableFile.Line line, int column, String header, List<Problem> problems) {
        if (line.cell(column).isEmpty()) {
            problems.add(RosterStore.at(line.number(), header, "import.required", header));
            return null;
        }
        return optional(line, column, header, problems);
    }

    private static String optional(TableFile.Line line, int column, String header, List<Problem> problems) {
        String value = line.cell(column);
        if (value.length() > MAX_TEXT) {
            problems.add(RosterStore.at(line.number(), header, "import.tooLong", header, MAX_TEXT));
            return null;
        }
        java.util.Optional<String> notPlain = canbao.model.PlainText.problem(value);
        if (notPlain.isPresent()) {
            problems.add(RosterStore.at(line.number(), header, notPlain.get()));
            return null;
        }
        return value.isEmpty() ? null : value;
    }
}
