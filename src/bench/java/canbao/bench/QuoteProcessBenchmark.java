package canbao.bench;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The {@code quote} command as a whole process — JVM start-up, reading stdin, answering, writing
 * stdout — against {@code jq -c .} reading and re-printing the same lines, alternated round by round
 * in the same run (issue 19's floor for the command). Each process runs under {@code /usr/bin/time}
 * for its peak resident memory; wall time is taken around the process. With {@code --cds FILE} the
 * quote process is also run with an application class-data archive ({@code -XX:SharedArchiveFile}),
 * made by one training run ({@code -XX:ArchiveClassesAtExit}) when the file does not exist yet or is
 * older than the jar. Each
 * round also runs it with the flags a short-lived command would be started with (serial GC, C1 only,
 * a 128 MB heap).
 */
final class QuoteProcessBenchmark {

    /** Medians over the rounds: seconds and peak RSS in MB; ratios quote ÷ jq per round (min, median, max). */
    record Figures(double jqSeconds, double quoteSeconds, double ratioMin, double ratioMedian, double ratioMax,
                   double rssMinMb, double rssMaxMb, double shortLivedSeconds, double shortLivedRatio,
                   double shortLivedRssMin, double shortLivedRssMax, double cdsSeconds, double cdsRatioMedian) {
    }

    private final PrintStream out;

    QuoteProcessBenchmark(PrintStream out) {
        this.out = out;
    }

    Figures run(int lines, int rounds, String cds) throws Exception {
        Path work = Files.createTempDirectory("canbao-bench-quote");
        try {
            Path input = work.resolve("requests.jsonl");
            try (BufferedWriter writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                for (String line : BenchCommand.syntheticRequests(lines, new Random(20221122),
                        BenchCommand.Years.SEED_YEARS)) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            // the counter's own jar (the quote command's), not this benchmark's
            String jar = Path.of(canbao.cli.QuoteCommand.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
            List<String> quote = List.of(java, "-jar", jar, "quote");
            // the flags a short-lived command would want: one GC thread, no C2 compiler (JIT work that a
            // run of a few seconds does not earn back), the heap bounded
            List<String> shortLived = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-jar",
                    jar, "quote");
            List<String> withCds = null;
            if (cds != null) {
                Path archive = Path.of(cds);
                // an archive of another build of the jar would be refused by the JVM (silently, without
                // sharing): made again when older than the jar
                if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(
                        Files.getLastModifiedTime(Path.of(jar))) < 0) {
                    Files.delete(archive);
                }
                if (!Files.exists(archive)) {
                    Sample training = time(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                            "-XX:ArchiveClassesAtExit=" + cds, "-jar", jar, "quote"), input, work);
                    out.printf("quote process: class-data archive %s made by one training run (%.2f s)%n", cds,
                            training.seconds());
                }
                withCds = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                        "-XX:SharedArchiveFile=" + cds, "-jar", jar, "quote");
            }
            double[] jq = new double[rounds];
            double[] ours = new double[rounds];
            double[] ratio = new double[rounds];
            double[] rss = new double[rounds];
            double[] flagged = new double[rounds];
            double[] flaggedRatio = new double[rounds];
            double[] flaggedRss = new double[rounds];
            double[] shared = new double[rounds];
            double[] sharedRatio = new double[rounds];
            // one untimed run of each: the files in the page cache, the JVM's own archive read once
            time(List.of("jq", "-c", "."), input, work);
            time(quote, input, work);
            for (int round = 0; round < rounds; round++) {
                Sample a = time(List.of("jq", "-c", "."), input, work);
                Sample b = time(quote, input, work);
                Sample c = time(shortLived, input, work);
                jq[round] = a.seconds();
                ours[round] = b.seconds();
                ratio[round] = b.seconds() / a.seconds();
                rss[round] = b.rssMb();
                flagged[round] = c.seconds();
                flaggedRatio[round] = c.seconds() / a.seconds();
                flaggedRss[round] = c.rssMb();
                if (withCds != null) {
                    Sample d = time(withCds, input, work);
                    shared[round] = d.seconds();
                    sharedRatio[round] = d.seconds() / a.seconds();
                }
            }
            Figures figures = new Figures(median(jq), median(ours), min(ratio), median(ratio), max(ratio), min(rss),
                    max(rss), median(flagged), median(flaggedRatio), min(flaggedRss), max(flaggedRss),
                    withCds == null ? Double.NaN : median(shared), withCds == null ? Double.NaN : median(sharedRatio));
            out.printf("quote as a whole process, %,d lines, %d rounds alternated with `jq -c .` on the same file%n",
                    lines, rounds);
            out.printf("  jq -c .: median %.2f s (%.2f–%.2f)%n", figures.jqSeconds(), min(jq), max(jq));
            out.printf("  java -jar canbao.jar quote: median %.2f s (%.2f–%.2f), peak RSS %.0f–%.0f MB; ratio to jq "
                    + "per round median %.2f (%.2f–%.2f)%n", figures.quoteSeconds(), min(ours), max(ours),
                    figures.rssMinMb(), figures.rssMaxMb(), figures.ratioMedian(), figures.ratioMin(), figures.ratioMax());
            out.printf("  with -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx128m: median %.2f s (%.2f–%.2f), peak RSS "
                    + "%.0f–%.0f MB; ratio to jq median %.2f (%.2f–%.2f)%n", figures.shortLivedSeconds(), min(flagged),
                    max(flagged), figures.shortLivedRssMin(), figures.shortLivedRssMax(), figures.shortLivedRatio(),
                    min(flaggedRatio), max(flaggedRatio));
            if (withCds != null) {
                out.printf("  the same flags and the class-data archive: median %.2f s (%.2f–%.2f), ratio to jq median "
                        + "%.2f (%.2f–%.2f)%n", figures.cdsSeconds(), min(shared), max(shared), figures.cdsRatioMedian(),
                        min(sharedRatio), max(sharedRatio));
            }
            return figures;
        } finally {
            WorkFolder.delete(work);
        }
    }

    private record Sample(double seconds, double rssMb) {
    }

    /** Wall time of the command with the file on stdin and stdout discarded; its peak RSS by /usr/bin/time. */
    private static Sample time(List<String> command, Path input, Path work) throws IOException, InterruptedException {
        Path report = work.resolve("time.txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", report.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectInput(input.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(new File(work.resolve("err.txt")
                        .toString()));
        long start = System.nanoTime();
        Process process = builder.start();
        int status = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ": "
                    + Files.readString(work.resolve("err.txt")));
        }
        List<String> lines = Files.readAllLines(report);
        double rssKb = Double.parseDouble(lines.get(lines.size() - 1).trim());
        return new Sample(seconds, rssKb / 1024);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
