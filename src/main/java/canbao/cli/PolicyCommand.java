package canbao.cli;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.policy.CountySigner;
import canbao.policy.PolicyTable;
import canbao.policy.PolicyTableException;
import canbao.policy.PolicyTableLoader;
import canbao.policy.QuoteEngine;
import canbao.policy.SignedTableFiles;
import canbao.policy.TableDraft;
import canbao.policy.TablePreview;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code policy …}: the county authors next year's table without a window (README "Authoring a
 * year's table"). Every subcommand goes through the same {@link TableDraft}, {@link TablePreview} and
 * {@link SignedTableFiles} as the 政策参数 screen. Answers are one JSON object on stdout; a table the
 * strict loader refuses is said on stderr as {@code file: field: problem} and exits 2, and nothing is
 * written.
 */
public final class PolicyCommand {

    public static final int EXIT_REFUSED = 2;
    public static final int EXIT_USAGE = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Locale locale;
    private final String systemUser;

    public PolicyCommand(PrintStream out, PrintStream err, Clock clock, Locale locale, String systemUser) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.locale = locale;
        this.systemUser = systemUser;
    }

    public int run(String[] args) {
        try {
            if (args.length < 2) {
                return usage();
            }
            return switch (args[1]) {
                case "draft" -> draft(Options.parse(args, 2, Set.of("from", "out")));
                case "set" -> set(args);
                case "confirm" -> confirm(args);
                case "check" -> args.length == 3 ? check(Path.of(args[2])) : usage();
                case "preview" -> preview(args);
                case "sign" -> sign(args);
                default -> usage();
            };
        } catch (IllegalArgumentException e) {
            return usage();
        } catch (PolicyTableException e) {
            return refused(e);
        } catch (IOException e) {
            err.println(Localization.format(locale, "cli.policy.io", String.valueOf(e.getMessage())));
            return EXIT_REFUSED;
        }
    }

    private int usage() {
        err.println(Localization.text(locale, "cli.policy.usage"));
        return EXIT_USAGE;
    }

    private int refused(PolicyTableException problem) {
        err.println(problem.getMessage());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("valid", false);
        answer.put("field", problem.field());
        answer.put("message", problem.detail());
        out.println(answer);
        return EXIT_REFUSED;
    }

    /** {@code policy draft --from 2026.json --out 2027.json}; a year ("2026") not found as a file is the built-in table. */
    private int draft(Options options) throws IOException {
        if (options.get("from") == null || options.get("out") == null) {
            return usage();
        }
        Path target = Path.of(options.get("out"));
        if (Files.exists(target)) {
            // a second draft over the first would throw away what the county has entered
            err.println(Localization.format(locale, "cli.policy.exists", target));
            return EXIT_REFUSED;
        }
        Source source = source(options.get("from"));
        TableDraft draft = TableDraft.nextYear(source.origin(), source.bytes(), target.toString());
        TableDraft.Check check = draft.check();
        if (!check.valid()) {
            return refused(check.problem());
        }
        SignedTableFiles.writeTable(target, draft.bytes());
        ObjectNode answer = summary(draft, check.table());
        answer.put("from", source.origin());
        answer.put("file", target.toString());
        out.println(answer);
        return 0;
    }

    /** {@code policy set FILE PATH VALUE [--by NAME] [--cite TEXT]}; PATH {@code version} sets the version. */
    private int set(String[] args) throws IOException {
        if (args.length < 5) {
            return usage();
        }
        Options options = Options.parse(args, 5, Set.of("by", "cite"));
        Path file = Path.of(args[2]);
        TableDraft draft = TableDraft.open(file.toString(), Files.readAllBytes(file));
        String path = args[3];
        TableDraft.Check check = path.equals("version") ? draft.version(args[4])
                : draft.set(path, args[4], by(options), LocalDate.now(clock), options.get("cite"));
        return saved(file, draft, check, path);
    }

    /** {@code policy confirm FILE FIGURE [--by NAME] [--cite TEXT]}: the county confirms a figure as it stands. */
    private int confirm(String[] args) throws IOException {
        if (args.length < 4) {
            return usage();
        }
        Options options = Options.parse(args, 4, Set.of("by", "cite"));
        Path file = Path.of(args[2]);
        TableDraft draft = TableDraft.open(file.toString(), Files.readAllBytes(file));
        TableDraft.Check check = draft.confirm(args[3], by(options), LocalDate.now(clock), options.get("cite"));
        return saved(file, draft, check, args[3]);
    }

    private String by(Options options) {
        // without --by the entry is recorded under the system account that made it, never under nobody
        String by = options.get("by");
        return by == null || by.isBlank() ? systemUser : by.strip();
    }

    private int saved(Path file, TableDraft draft, TableDraft.Check check, String path) throws IOException {
        if (!check.valid()) {
            return refused(check.problem());
        }
        SignedTableFiles.writeTable(file, draft.bytes());
        ObjectNode answer = summary(draft, check.table());
        if (!path.equals("version")) {
            ArrayNode figures = answer.putArray("figures");
            draft.figure(path).ifPresentOrElse(figure -> figures.add(figure(figure)), () -> draft.figures().stream()
                    .filter(f -> f.figurePath().equals(path)).forEach(f -> figures.add(figure(f))));
        }
        out.println(answer);
        return 0;
    }

    /** {@code policy check FILE}: the strict loader's verdict, and how many values still await the county. */
    private int check(Path file) throws IOException {
        TableDraft draft = TableDraft.open(file.toString(), Files.readAllBytes(file));
        TableDraft.Check check = draft.check();
        if (!check.valid()) {
            return refused(check.problem());
        }
        // the draft's own bytes are checked above; the file itself must load too (it is what gets signed)
        PolicyTableLoader.fromFile(file);
        ObjectNode answer = summary(draft, check.table());
        answer.put("file", file.toString());
        ArrayNode awaiting = answer.putArray("awaiting");
        draft.figures().stream().filter(f -> f.standing() != TableDraft.Standing.CONFIRMED)
                .forEach(f -> awaiting.add(f.path()));
        out.println(answer);
        return 0;
    }

    /** {@code policy preview --old A --new B [--json]}: sample persons under both tables, differences marked. */
    private int preview(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean json = rest.remove("--json");
        Options options = Options.parse(rest.toArray(String[]::new), 2, Set.of("old", "new"));
        if (options.get("old") == null || options.get("new") == null) {
            return usage();
        }
        PolicyTable before = source(options.get("old")).table();
        PolicyTable after = source(options.get("new")).table();
        List<TablePreview.Row> rows = new TablePreview(new QuoteEngine(locale), locale).compare(before, after);
        if (json) {
            out.println(previewJson(before, after, rows));
        } else {
            out.println(Localization.format(locale, "cli.policy.previewHeader", before.year(), before.version(),
                    after.year(), after.version()));
            for (TablePreview.Row row : rows) {
                out.println(String.join("\t", row.changed() ? "*" : " ", row.person(),
                        Localization.text(locale, row.tier().messageKey()), shown(row.before()), shown(row.after()),
                        signed(row), row.note() == null ? "" : row.note()));
            }
            out.println(Localization.format(locale, "cli.policy.previewChanged",
                    rows.stream().filter(TablePreview.Row::changed).count(), rows.size()));
        }
        return 0;
    }

    private String shown(MemberQuote quote) {
        if (!quote.eligible()) {
            return Localization.format(locale, "cli.policy.refused", quote.reason());
        }
        return quote.waitingMonths() == null
                ? Localization.format(locale, "cli.policy.quoted", quote.payable(), quote.benefitStart().toString())
                : Localization.format(locale, "cli.policy.quotedWaiting", quote.payable(),
                        quote.benefitStart().toString(), quote.waitingMonths());
    }

    private static String signed(TablePreview.Row row) {
        long fen = row.payableDifference().fen();
        String amount = (fen > 0 ? "+" : "") + row.payableDifference();
        return row.startShiftDays() == null || row.startShiftDays() == 0 ? amount
                : amount + " / " + (row.startShiftDays() > 0 ? "+" : "") + row.startShiftDays() + "d";
    }

    private ObjectNode previewJson(PolicyTable before, PolicyTable after, List<TablePreview.Row> rows) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("old").put("year", before.year()).put("version", before.version());
        answer.putObject("new").put("year", after.year()).put("version", after.version());
        ArrayNode list = answer.putArray("rows");
        for (TablePreview.Row row : rows) {
            ObjectNode item = list.addObject();
            item.put("person", row.person());
            item.put("tier", row.tier().number());
            item.set("before", quote(row.before()));
            item.set("after", quote(row.after()));
            item.put("payableDifference", row.payableDifference().yuan());
            if (row.startShiftDays() == null) {
                item.putNull("startShiftDays");
            } else {
                item.put("startShiftDays", row.startShiftDays());
            }
            item.put("waitingChanged", row.waitingChanged());
            item.put("eligibilityChanged", row.eligibilityChanged());
            item.put("changed", row.changed());
            item.put("note", row.note());
        }
        answer.put("changed", rows.stream().filter(TablePreview.Row::changed).count());
        return answer;
    }

    private static ObjectNode quote(MemberQuote quote) {
        ObjectNode node = JSON.createObjectNode();
        node.put("eligible", quote.eligible());
        node.put("payable", quote.payable().yuan());
        node.put("benefitStart", quote.benefitStart() == null ? null : quote.benefitStart().toString());
        if (quote.waitingMonths() == null) {
            node.putNull("waitingMonths");
        } else {
            node.put("waitingMonths", quote.waitingMonths());
        }
        node.put("provisional", quote.provisional());
        node.put("reason", quote.reason());
        return node;
    }

    /** {@code policy sign --key DIR FILE}: FILE.sig beside FILE, after the strict check and the key's years. */
    private int sign(String[] args) throws IOException {
        if (args.length != 5) {
            return usage();
        }
        Options options = Options.parse(java.util.Arrays.copyOf(args, 4), 2, Set.of("key"));
        Path file = Path.of(args[4]);
        if (options.get("key") == null) {
            return usage();
        }
        CountySigner signer = SignedTableFiles.signer(Path.of(options.get("key")));
        byte[] bytes = Files.readAllBytes(file);
        SignedTableFiles.Saved saved = SignedTableFiles.save(bytes, file, signer);
        TableDraft draft = TableDraft.open(file.toString(), bytes);
        ObjectNode answer = summary(draft, saved.table());
        answer.put("file", file.toString());
        answer.put("signature", saved.signature().toString());
        answer.put("key", saved.keyFingerprint());
        out.println(answer);
        return 0;
    }

    private static ObjectNode summary(TableDraft draft, PolicyTable table) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("valid", true);
        answer.put("year", table.year());
        answer.put("version", table.version());
        Map<String, Integer> standings = new TreeMap<>();
        for (TableDraft.Figure figure : draft.figures()) {
            standings.merge(figure.standing().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        answer.set("values", JSON.valueToTree(standings));
        return answer;
    }

    private static ObjectNode figure(TableDraft.Figure figure) {
        ObjectNode node = JSON.createObjectNode();
        node.put("path", figure.path());
        node.put("label", figure.label());
        node.put("value", figure.value());
        node.put("status", figure.status().json());
        node.put("standing", figure.standing().name().toLowerCase(Locale.ROOT));
        node.put("confirmedBy", figure.confirmedBy());
        node.put("confirmedOn", figure.confirmedOn() == null ? null : figure.confirmedOn().toString());
        node.put("cite", figure.cite());
        return node;
    }

    private record Source(String origin, byte[] bytes) {
        PolicyTable table() {
            return PolicyTableLoader.read(origin, new ByteArrayInputStream(bytes));
        }
    }

    /** A table file, or — when no such file exists — the built-in table of the year it names ("2026", "2026.json"). */
    private static Source source(String given) throws IOException {
        Path file = Path.of(given);
        if (Files.exists(file)) {
            return new Source(given, Files.readAllBytes(file));
        }
        if (given.matches("\\d{4}(\\.json)?")) {
            String resource = "policy/" + given.substring(0, 4) + ".json";
            try (InputStream in = PolicyCommand.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    return new Source(resource, in.readAllBytes());
                }
            }
        }
        throw new java.nio.file.NoSuchFileException(given);
    }
}
