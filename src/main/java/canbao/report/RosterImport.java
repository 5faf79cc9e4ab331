package canbao.report;

import canbao.model.FieldLimits;
import canbao.model.Location;
import canbao.model.Problem;
import canbao.policy.FieldRules;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.ResidentId;
import canbao.store.ImportProblems;
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


    private final RosterStore store;
    private final PolicyLibrary policies;
    private final Clock clock;

    public RosterImport(RosterStore store, PolicyLibrary policies, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    /** Villages in a targets file: a township has tens. */
    static final int MAX_TARGETS = 10_000;

    /**
     * Reads the file row by row (never whole) and imports it, or reports every problem (the first
     * {@link ImportProblems#LIMIT} in file order) and imports nothing. A file that crosses one of
     * {@link TableFile}'s bounds, or cannot be read as a table at all, is one problem saying so.
     */
    public Report run(Kind kind, Path file, String operator, BiConsumer<Integer, Integer> progress)
            throws IOException {
        String encoding = "";
        int[] rows = {0};
        try (TableFile table = TableFile.open(file)) {
            encoding = table.encoding();
            ImportProblems problems = new ImportProblems();
            int[] columns = columns(kind, table.headers(), problems);
            if (!problems.isEmpty()) {
                return new Report(kind, table.encoding(), 0, refused(problems));
            }
            RosterStore.Outcome outcome = switch (kind) {
                case ROSTER -> store.roster(roster(table, columns, problems, rows), operator, progress, problems);
                case LEDGER -> store.ledger(ledger(table, columns, problems, rows), operator, progress, problems);
                case TARGETS -> {
                    List<RosterStore.TargetRow> read = targets(table, columns, problems);
                    rows[0] = table.count();
                    yield problems.isEmpty() && !read.isEmpty() ? store.targets(read, operator) : refused(problems);
                }
            };
            if (rows[0] == 0 && outcome.isValid()) {
                return new Report(kind, table.encoding(), 0, refused(List.of(Problem.of("", "import.empty"))));
            }
            return new Report(kind, table.encoding(), rows[0], outcome);
        } catch (TableFile.Refused refused) {
            return new Report(kind, encoding, rows[0], refused(List.of(refused.problem())));
        } catch (java.nio.file.NoSuchFileException missing) {
            return new Report(kind, encoding, 0, refused(List.of(Problem.of("文件", "import.noFile"))));
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            // the reader's message may quote the file's content: the clerk is told what to do instead
            return new Report(kind, encoding, rows[0], refused(List.of(Problem.of("文件", "import.unreadable"))));
        }
    }

    private static RosterStore.Outcome refused(List<Problem> problems) {
        return new RosterStore.Outcome(0, 0, 0, List.copyOf(problems));
    }

    private static RosterStore.Outcome refused(ImportProblems problems) {
        if (problems.isEmpty()) {
            problems.add(Problem.of("", "import.empty"));
        }
        return refused(problems.list());
    }

    /** Where each expected header is; missing or unknown headers are problems of the file. */
    private static int[] columns(Kind kind, List<String> headers, ImportProblems problems) {
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

    /**
     * The roster's lines as the store takes them, each checked on its own as it is read; the checks
     * across lines (the same ID number twice, a 户号 with two villages, the household's phone) are the
     * store's, over the staged lines.
     */
    private RosterStore.Source<RosterStore.RosterLine> roster(TableFile table, int[] columns, ImportProblems problems,
                                                             int[] rows) {
        LocalDate today = LocalDate.now(clock);
        return () -> {
            TableFile.Line line = table.next();
            if (line == null) {
                return null;
            }
            rows[0] = table.count();
            long before = problems.total();
            numberCell(line, columns[0], "户号", problems);
            numberCell(line, columns[4], "身份证号", problems);
            String number = required(line, columns[0], "户号", FieldLimits.HOUSEHOLD_NUMBER, problems);
            String village = required(line, columns[1], "村(社区)", FieldLimits.VILLAGE, problems);
            String group = optional(line, columns[2], "组", FieldLimits.GROUP, problems);
            String name = required(line, columns[3], "姓名", FieldLimits.NAME, problems);
            String rawId = line.cell(columns[4]);
            String relation = optional(line, columns[5], "与户主关系", FieldLimits.RELATION, problems);
            String ethnicity = optional(line, columns[6], "民族", FieldLimits.ETHNICITY, problems);
            FieldRules.ethnicity(Location.cell(line.number(), "民族"), ethnicity)
                    .ifPresent(problem -> problems.add(line.number(), problem));
            String phone = optional(line, columns[7], "联系电话", FieldLimits.PHONE, problems);
            FieldRules.phone(Location.cell(line.number(), "联系电话"), phone)
                    .ifPresent(problem -> problems.add(line.number(), problem));
            ResidentId id = null;
            if (line.isNumber(columns[4])) {
                // said once by numberCell: the digits are not the person's
            } else if (rawId.isEmpty()) {
                problems.at(line.number(), "身份证号", "import.required", "身份证号");
            } else {
                try {
                    id = ResidentId.parse(rawId, today);
                } catch (ResidentId.InvalidException e) {
                    problems.at(line.number(), "身份证号", e.problem().key(), e.problem().arguments().toArray());
                }
            }
            String numberKey = line.cell(columns[0]).toLowerCase(Locale.ROOT);
            String rawPhone = line.cell(columns[7]);
            return new RosterStore.RosterLine(line.number(), numberKey.isEmpty() ? null : numberKey, number, village,
                    group, name, id == null ? null : id.number(), id == null ? null : id.masked(),
                    id == null ? null : id.birthDate(), id == null ? null : id.sex(), relation, ethnicity,
                    rawPhone.isEmpty() ? null : rawPhone, HEAD.equals(line.cell(columns[5])),
                    problems.total() == before);
        };
    }

    private static final String HEAD = "户主";

    /**
     * A number a spreadsheet program stored as a number: an ID number kept 15 significant digits (the
     * last three are gone, and 1 in 11 still passes the check digit — a different person), a 户号 lost
     * its leading zeros. Refused on every such row, with how to fix the file.
     */
    private static void numberCell(TableFile.Line line, int column, String header, ImportProblems problems) {
        if (line.isNumber(column)) {
            problems.at(line.number(), header, "import.numberCell", header);
        }
    }

    /** The ledger's lines that pass their own checks, as they are read; the store checks them against the roster. */
    private RosterStore.Source<RosterStore.LedgerRow> ledger(TableFile table, int[] columns, ImportProblems problems,
                                                            int[] rows) {
        PolicyTable latest = policies.table(policies.years().last()).orElseThrow();
        // ID number and category of each line so far: ≤ 1,048,576 short strings (Excel's row limit)
        Set<String> seen = new HashSet<>();
        LocalDate today = LocalDate.now(clock);
        return () -> {
            for (TableFile.Line line = table.next(); line != null; line = table.next()) {
                rows[0] = table.count();
                long before = problems.total();
                String name = required(line, columns[0], "姓名", FieldLimits.NAME, problems);
                String rawId = line.cell(columns[1]);
                numberCell(line, columns[1], "身份证号", problems);
                String category = required(line, columns[2], "类别", FieldLimits.CATEGORY_NAME, problems);
                String certifiedBy = optional(line, columns[3], "认定部门", FieldLimits.CERTIFIED_BY, problems);
                String rawDate = line.cell(columns[4]);
                ResidentId id = null;
                if (line.isNumber(columns[1])) {
                    // said by numberCell
                } else if (rawId.isEmpty()) {
                    problems.at(line.number(), "身份证号", "import.required", "身份证号");
                } else {
                    try {
                        id = ResidentId.parse(rawId, today);
                    } catch (ResidentId.InvalidException e) {
                        problems.at(line.number(), "身份证号", e.problem().key(), e.problem().arguments().toArray());
                    }
                }
                String code = category == null ? null : categoryCode(latest, category).orElse(null);
                if (category != null && code == null) {
                    problems.at(line.number(), "类别", "import.category.unknown", category);
                }
                LocalDate certifiedOn = null;
                if (!rawDate.isEmpty()) {
                    try {
                        certifiedOn = LocalDate.parse(rawDate.replace('/', '-').replace('.', '-'));
                        if (certifiedOn.isAfter(today)) {
                            problems.at(line.number(), "认定日期", "import.date.future");
                        } else if (!canbao.model.PlainText.isDateInRange(certifiedOn)) {
                            problems.at(line.number(), "认定日期", "import.date");
                        }
                    } catch (DateTimeParseException e) {
                        problems.at(line.number(), "认定日期", "import.date");
                    }
                }
                if (id != null && code != null && !seen.add(id.number() + "/" + code)) {
                    problems.at(line.number(), "身份证号", "import.ledgerTwice", id.masked(), category);
                }
                if (problems.total() == before) {
                    return new RosterStore.LedgerRow(line.number(), name, id.number(), code, certifiedBy, certifiedOn);
                }
            }
            return null;
        };
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

    private static List<RosterStore.TargetRow> targets(TableFile table, int[] columns, ImportProblems problems)
            throws IOException {
        List<RosterStore.TargetRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TableFile.Line line = table.next(); line != null; line = table.next()) {
            if (table.count() > MAX_TARGETS) {
                throw new TableFile.Refused("import.limit.targets", MAX_TARGETS);
            }
            long before = problems.total();
            String village = required(line, columns[0], "村(社区)", FieldLimits.VILLAGE, problems);
            String raw = line.cell(columns[1]);
            int target = -1;
            if (!raw.matches("\\d{1,7}")) {
                problems.at(line.number(), "应参保人数", "import.target");
            } else {
                target = Integer.parseInt(raw);
            }
            if (village != null && !seen.add(village.toLowerCase(Locale.ROOT))) {
                problems.at(line.number(), "村(社区)", "import.duplicateVillage", village);
            }
            if (problems.total() == before) {
                rows.add(new RosterStore.TargetRow(line.number(), village, target));
            }
        }
        return rows;
    }

    private static String required(TableFile.Line line, int column, String header, int maxLength,
                                   ImportProblems problems) {
        if (line.cell(column).isEmpty()) {
            problems.at(line.number(), header, "import.required", header);
            return null;
        }
        return optional(line, column, header, maxLength, problems);
    }

    /**
     * The cell's text, or null (and a problem) when it breaks its field's rule ({@link FieldRules#text}: longer
     * than the limit, or not plain text).
     */
    private static String optional(TableFile.Line line, int column, String header, int maxLength,
                                   ImportProblems problems) {
        String value = line.cell(column);
        // the screen's rule and words: a 60-character name reads "不能超过50个字" here as there
        Optional<Problem> problem = FieldRules.text(Location.cell(line.number(), header), value, maxLength);
        if (problem.isPresent()) {
            problems.add(line.number(), problem.get());
            return null;
        }
        return value.isEmpty() ? null : value;
    }
}
