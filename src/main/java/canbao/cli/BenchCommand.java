package canbao.cli;

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
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code canbao bench quote [--lines N] [--rounds R]}: throughput of the quote command over synthetic
 * households, against a baseline measured in the same run — reading and writing the same JSON lines
 * with the same library and nothing else — so the figure says what the fee rules cost on top of
 * the unavoidable JSON work, on whatever machine it runs.
 */
public final class BenchCommand {

    private static final String[] CATEGORIES_2022 = {"DIBAO", "TEKUN", "DIBAO_EDGE", "SEVERE_DISABILITY",
        "STABLE_EXIT", "RETURNED_POVERTY", "OLD_DEMOBILIZED", "FP_PARENT"};

    private final PrintStream out;

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sync")) {
            Options options = Options.parse(args, 1, java.util.Set.of("townships", "records", "households"));
            return new SyncBenchmark(out).run(intOption(options, "townships", 40), intOption(options, "records", 2000),
                    intOption(options, "households", 3334));
        }
        if (args.length > 0 && args[0].equals("import")) {
            Options options = Options.parse(args, 1, java.util.Set.of("rows"));
            return new ImportBenchmark(out).run(intOption(options, "rows", 100_000));
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
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length == 0 || !args[0].equals("quote")) {
            throw new IllegalArgumentException("usage: bench quote [--lines N] [--rounds R] | bench store [--data DIR] | bench sync | bench import [--rows N]");
        }
        String input = String.join("\n", syntheticRequests(lines, new Random(20221122))) + "\n";
        QuoteCommand quote = new QuoteCommand(
                new QuoteRequestValidator(PolicyLibrary.builtIn(), Clock.systemDefaultZone()),
                new QuoteEngine(Localization.CHINESE), Localization.CHINESE);

        double[] baseline = new double[rounds];
        double[] measured = new double[rounds];
        // warm both paths up before timing (JIT)
        jsonRoundTrip(input);
        quote.run(new BufferedReader(new StringReader(input)), Writer.nullWriter());
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            jsonRoundTrip(input);
            baseline[round] = lines / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            quote.run(new BufferedReader(new StringReader(input)), Writer.nullWriter());
            measured[round] = lines / ((System.nanoTime() - start) / 1e9);
        }
        double baselineMedian = median(baseline);
        double measuredMedian = median(measured);
        out.printf("quote: %d lines x %d rounds (households of 1-5 members, years 2021/2022)%n", lines, rounds);
        out.printf("  baseline (JSON read + write only): median %,.0f lines/s%n", baselineMedian);
        out.printf("  quote (validate + engine + JSON):  median %,.0f lines/s  (min %,.0f, max %,.0f)%n",
                measuredMedian, Arrays.stream(measured).min().orElseThrow(), Arrays.stream(measured).max().orElseThrow());
        out.printf("  ratio quote/baseline: %.2f%n", measuredMedian / baselineMedian);
        return 0;
    }

    private static int intOption(Options options, String name, int fallback) {
        return options.get(name) == null ? fallback : Integer.parseInt(options.get(name));
    }

    private static void jsonRoundTrip(String input) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(input));
        Writer sink = Writer.nullWriter();
        String line;
        while ((line = reader.readLine()) != null) {
            JsonNode tree = QuoteJson.MAPPER.readTree(line);
            sink.write(QuoteJson.MAPPER.writeValueAsString(tree));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Plausible counter traffic: mostly adults, some newborns and subsidised members, dates across both years. */
    static List<String> syntheticRequests(int count, Random random) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean y2021 = random.nextInt(4) == 0;
            LocalDate paid = y2021 ? LocalDate.of(2020, 11, 2).plusDays(random.nextInt(420))
                    : LocalDate.of(2021, 12, 1).plusDays(random.nextInt(390));
            ObjectNode request = QuoteJson.MAPPER.createObjectNode()
                    .put("policyYear", y2021 ? 2021 : 2022).put("county", "500230").put("date", paid.toString());
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
            }
            lines.add(request.toString());
        }
        return lines;
    }
}
