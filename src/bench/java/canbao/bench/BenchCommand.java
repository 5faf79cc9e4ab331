package canbao.bench;

import canbao.cli.Options;
import canbao.cli.QuoteCommand;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import canbao.policy.ResidentId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The benchmarks, in a jar of their own ({@code java -jar target/canbao-bench.jar all|import|store|quote|sync|
 * renewals …}; the counter's jar carries none of this). {@code quote [--lines N] [--rounds R]}: throughput of the quote command over synthetic
 * households, against a baseline measured in the same run — reading and writing the same JSON lines
 * with the same library and nothing else — so the figure says what the fee rules cost on top of
 * the unavoidable JSON work, on whatever machine it runs.
 */
public final class BenchCommand {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final String[] CATEGORIES_2022 = {"DIBAO", "TEKUN", "DIBAO_EDGE", "SEVERE_DISABILITY",
        "STABLE_EXIT", "RETURNED_POVERTY", "OLD_DEMOBILIZED", "FP_PARENT"};

    private final PrintStream out;

    /** {@code java -jar canbao-bench.jar WHAT [options]}: exit 0, or 64 with what to type instead. */
    public static void main(String[] args) throws Exception {
        java.io.PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8);
        int status;
        try {
            status = new BenchCommand(out).run(args);
        } catch (IllegalArgumentException e) {
            // a benchmark's own complaint (wrong folder, usage) says what to do: show it as it is
            System.err.println(e.getMessage());
            status = 64;
        }
        out.flush();
        System.exit(status);
    }

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sync")) {
            Options options = Options.parse(args, 1, java.util.Set.of("townships", "records", "households", "tls",
                    "postgres", "rounds"));
            if (options.get("postgres") != null) {
                return new SyncBenchmark(out).runPostgres(options.get("postgres"), intOption(options, "townships", 40),
                        intOption(options, "records", 1000), intOption(options, "rounds", 3));
            }
            if (options.get("tls") != null) {
                return new SyncBenchmark(out).runTls(intOption(options, "households", 3334), intOption(options, "tls", 5));
            }
            return new SyncBenchmark(out).run(intOption(options, "townships", 40), intOption(options, "records", 2000),
                    intOption(options, "households", 3334));
        }
        if (args.length > 0 && args[0].equals("import")) {
            Options options = Options.parse(args, 1, java.util.Set.of("rows", "rounds"));
            return new ImportBenchmark(out).run(intOption(options, "rows", 100_000), intOption(options, "rounds", 3));
        }
        if (args.length > 0 && args[0].equals("all")) {
            Options options = Options.parse(args, 1, java.util.Set.of("data", "persons", "households", "rows", "rounds"));
            return all(java.nio.file.Path.of(options.get("data") == null ? "target/bench-store" : options.get("data")),
                    intOption(options, "persons", 200_000), intOption(options, "households", 60_000),
                    intOption(options, "rows", 100_000), intOption(options, "rounds", 3));
        }
        if (args.length > 0 && args[0].equals("renewals")) {
            Options options = Options.parse(args, 1, java.util.Set.of("data", "persons", "rounds"));
            return new RenewalBenchmark(out).run(java.nio.file.Path.of(options.get("data") == null
                    ? "target/bench-renewals" : options.get("data")), intOption(options, "persons", 30_000),
                    // 40 rounds: a p95 of fewer is the slowest round, not a percentile
                    intOption(options, "rounds", 40));
        }
        if (args.length > 0 && args[0].equals("store")) {
            Options options = Options.parse(args, 1, java.util.Set.of("data", "persons", "households", "queries"));
            java.nio.file.Path folder = java.nio.file.Path.of(options.get("data") == null ? "target/bench-store"
                    : options.get("data"));
            return new StoreBenchmark(out).run(folder, intOption(options, "persons", 1_000_000),
                    intOption(options, "households", 300_000), intOption(options, "queries", 1000));
        }
        int lines = 20_000;
        int rounds = 7;
        int processLines = 50_000;
        String cds = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--process-lines" -> processLines = Integer.parseInt(args[++i]);
                case "--cds" -> cds = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length == 0 || !args[0].equals("quote")) {
            throw new IllegalArgumentException("usage: bench all [--data DIR] [--persons N] [--rows N] [--rounds R] | bench quote [--lines N] [--rounds R] [--process-lines N] [--cds FILE] | bench store [--data DIR] | bench sync [--tls ROUNDS | --postgres JDBC_URL [--rounds R]] | bench import [--rows N] [--rounds R]");
        }
        QuoteCommand quote = new QuoteCommand(
                new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemDefaultZone()),
                new QuoteEngine(Localization.CHINESE), Localization.CHINESE);
        String input = String.join("\n", syntheticRequests(lines, new Random(20221122), Years.SEED_YEARS)) + "\n";
        Timing seedYears = time(quote, input, lines, rounds);
        out.printf("quote: %d lines x %d rounds (households of 1-5 members, years 2021/2022)%n", lines, rounds);
        out.printf("  baseline (JSON read + write only): median %,.0f lines/s%n", seedYears.baseline());
        out.printf("  quote (validate + engine + JSON):  median %,.0f lines/s  (min %,.0f, max %,.0f)%n",
                seedYears.median(), seedYears.min(), seedYears.max());
        out.printf("  ratio quote/baseline: %.2f%n", seedYears.median() / seedYears.baseline());

        // the same households quoted for 2025/2026, without and with a coverage history on every member
        String current = String.join("\n", syntheticRequests(lines, new Random(20261129), Years.CURRENT)) + "\n";
        String withHistory = String.join("\n", syntheticRequests(lines, new Random(20261129),
                Years.CURRENT_WITH_HISTORY)) + "\n";
        // alternated round by round, so both see the same machine
        Timing without = null;
        Timing with = null;
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Timing a = time(quote, current, lines, 1);
            Timing b = time(quote, withHistory, lines, 1);
            ratios[round] = b.median() / a.median();
            without = without == null ? a : without.and(a);
            with = with == null ? b : with.and(b);
        }
        out.printf("quote, years 2025/2026, the same households: without history %,.0f–%,.0f lines/s, "
                + "with coveredYears (and some repairYears) %,.0f–%,.0f lines/s%n", without.min(), without.max(),
                with.min(), with.max());
        out.printf("  ratio with history/without, per round: median %.2f (min %.2f, max %.2f)%n", median(ratios),
                Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
        if (processLines > 0) {
            wholeProcess = new QuoteProcessBenchmark(out).run(processLines, Math.max(3, rounds / 2), cds);
        }
        return 0;
    }

    /**
     * {@code bench all}: import, household save and quote, each beside its floor measured in the same
     * run, then one table of the figures, the floors, the ratios and the goals of issue 19, with the
     * machine's load average before and after (the build machine is shared).
     */
    private int all(java.nio.file.Path storeFolder, int persons, int households, int rows, int rounds)
            throws Exception {
        String loadBefore = loadAverage();
        java.util.List<ImportBenchmark.Round> imports = new ImportBenchmark(out).rounds(rows, rounds);
        StoreBenchmark store = new StoreBenchmark(out);
        store.run(storeFolder, persons, households, 300);
        run(new String[] {"quote", "--lines", "20000", "--rounds", Integer.toString(Math.max(3, 2 * rounds)),
            "--cds", storeFolder.resolveSibling("bench-quote.jsa").toString()});
        String loadAfter = loadAverage();
        double[] imported = imports.stream().mapToDouble(ImportBenchmark.Round::imported).toArray();
        double[] same = imports.stream().mapToDouble(ImportBenchmark.Round::sameSchema).toArray();
        double[] plain = imports.stream().mapToDouble(ImportBenchmark.Round::plainTable).toArray();
        double[] toSame = imports.stream().mapToDouble(r -> r.sameSchema() / r.imported()).toArray();
        double[] toPlain = imports.stream().mapToDouble(r -> r.plainTable() / r.imported()).toArray();
        StoreBenchmark.Saves saves = store.last;
        QuoteProcessBenchmark.Figures quote = wholeProcess;
        out.println();
        out.printf("bench all — load average before: %s; after: %s%n", loadBefore, loadAfter);
        out.println("| measure | ours | floor (same run) | ratio | goal (issue 19) |");
        out.println("|---|---|---|---|---|");
        out.printf("| import, %,d rows (%d rounds) | %s s | same schema %s s | floor/ours %s | ≥ 0.5; ≤ 8 s |%n", rows,
                rounds, ImportBenchmark.range(imported, "%.2f"), ImportBenchmark.range(same, "%.2f"),
                ImportBenchmark.range(toSame, "%.2f"));
        out.printf("| import, plain-table floor | | one table, no index %s s | floor/ours %s | |%n",
                ImportBenchmark.range(plain, "%.2f"), ImportBenchmark.range(toPlain, "%.3f"));
        out.printf("| household save, %,d persons, p50 / p95 | %.2f / %.2f ms | %.2f / %.2f ms | ours/floor %.2f / %.2f "
                + "| ≤ 1.3; p95 ≤ 25 ms |%n", persons, saves.apiP50(), saves.apiP95(), saves.floorP50(), saves.floorP95(),
                saves.apiP50() / saves.floorP50(), saves.apiP95() / saves.floorP95());
        out.printf("| quote process, 50,000 lines (median) | %.2f s, RSS %.0f–%.0f MB | jq -c . %.2f s | ours/jq %.2f "
                + "(%.2f–%.2f) | ≤ 3; RSS ≤ 200 MB |%n", quote.quoteSeconds(), quote.rssMinMb(), quote.rssMaxMb(),
                quote.jqSeconds(), quote.ratioMedian(), quote.ratioMin(), quote.ratioMax());
        out.printf("| quote process, short-lived flags | %.2f s, RSS %.0f–%.0f MB | | ours/jq %.2f | |%n",
                quote.shortLivedSeconds(), quote.shortLivedRssMin(), quote.shortLivedRssMax(), quote.shortLivedRatio());
        out.printf("| quote process, flags + class-data archive | %.2f s | | ours/jq %.2f | |%n", quote.cdsSeconds(),
                quote.cdsRatioMedian());
        return 0;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The whole-process figures of the last {@code bench quote}, for {@code bench all}. */
    QuoteProcessBenchmark.Figures wholeProcess;

    /** Medians of lines per second over the rounds: the JSON-only baseline and the quote command. */
    private record Timing(double baseline, double median, double min, double max) {
        /** The range over this and another measurement (the medians are not combined). */
        Timing and(Timing other) {
            return new Timing(baseline, median, Math.min(min, other.min), Math.max(max, other.max));
        }
    }

    /** Times the quote command on {@code input} against reading and writing the same lines, alternating. */
    private static Timing time(QuoteCommand quote, String input, int lines, int rounds) throws IOException {
        double[] baseline = new double[rounds];
        double[] measured = new double[rounds];
        // warm both paths up before timing (JIT); every line must be a quote, not an error line
        jsonRoundTrip(input);
        if (quote.run(new BufferedReader(new StringReader(input)), java.io.OutputStream.nullOutputStream()) != QuoteCommand.EXIT_OK) {
            throw new IllegalStateException("the synthetic requests have a bad line");
        }
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            jsonRoundTrip(input);
            baseline[round] = lines / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            quote.run(new BufferedReader(new StringReader(input)), java.io.OutputStream.nullOutputStream());
            measured[round] = lines / ((System.nanoTime() - start) / 1e9);
        }
        return new Timing(median(baseline), median(measured), Arrays.stream(measured).min().orElseThrow(),
                Arrays.stream(measured).max().orElseThrow());
    }

    /** Which policy years the synthetic requests quote, and whether members carry a coverage history. */
    public enum Years { SEED_YEARS, CURRENT, CURRENT_WITH_HISTORY }

    private static int intOption(Options options, String name, int fallback) {
        return options.get(name) == null ? fallback : Integer.parseInt(options.get(name));
    }

    private static void jsonRoundTrip(String input) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(input));
        java.io.OutputStream sink = java.io.OutputStream.nullOutputStream();
        String line;
        while ((line = reader.readLine()) != null) {
            JsonNode tree = JSON.readTree(line);
            sink.write(JSON.writeValueAsBytes(tree));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Plausible counter traffic: mostly adults, some newborns and subsidised members, dates across two
     * years. With the same seed, the households are the same whatever {@code years}: only the year, the
     * dates and (with history) each member's covered years and repair differ.
     */
    public static List<String> syntheticRequests(int count, Random random, Years years) {
        List<String> lines = new ArrayList<>(count);
        boolean current = years != Years.SEED_YEARS;
        for (int i = 0; i < count; i++) {
            boolean early = random.nextInt(4) == 0;
            int days = random.nextInt(early ? 420 : 390);
            LocalDate paid = current
                    ? (early ? LocalDate.of(2024, 9, 13) : LocalDate.of(2025, 9, 1)).plusDays(days % 380)
                    : (early ? LocalDate.of(2020, 11, 2) : LocalDate.of(2021, 12, 1)).plusDays(days);
            int year = current ? (early ? 2025 : 2026) : (early ? 2021 : 2022);
            ObjectNode request = JSON.createObjectNode()
                    .put("policyYear", year).put("county", "500230").put("date", paid.toString());
            ArrayNode members = request.putArray("members");
            int size = 1 + random.nextInt(5);
            for (int m = 0; m < size; m++) {
                ObjectNode member = members.addObject().put("tier", 1 + random.nextInt(2));
                if (random.nextInt(10) == 0) {
                    member.put("birthDate", paid.minusDays(random.nextInt(120)).toString())
                            .put("birthCertificateNo", "Q" + (500000000 + random.nextInt(99999999)));
                } else {
                    LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(29000));
                    String first17 = String.format("500230%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                            birth.getDayOfMonth(), random.nextInt(1000));
                    member.put("idNumber", first17 + ResidentId.checkCharacter(first17));
                }
                if (random.nextInt(4) == 0) {
                    member.putArray("categories").add(CATEGORIES_2022[random.nextInt(CATEGORIES_2022.length)]);
                }
                int history = random.nextInt(4);
                if (years == Years.CURRENT_WITH_HISTORY) {
                    // 0: covered every year; 1: the year before broken; 2: the year before broken, repaired;
                    // 3: covered long ago only
                    ArrayNode covered = member.putArray("coveredYears");
                    for (int past = year - 5; past < year; past++) {
                        if (history == 0 || (history < 3 && past < year - 1) || (history == 3 && past < year - 3)) {
                            covered.add(past);
                        }
                    }
                    if (history == 2 && member.has("idNumber") && year == 2026) {
                        member.put("repairYears", 1);
                    }
                }
            }
            lines.add(request.toString());
        }
        return lines;
    }
}
