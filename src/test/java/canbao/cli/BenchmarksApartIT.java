package canbao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The counter's jar (what the installer ships) holds no benchmark; the benchmarks' own jar runs beside it and
 * names what it measures; {@code canbao.jar bench} says where they went.
 */
class BenchmarksApartIT {

    private static final Path JAR = Path.of(System.getProperty("canbao.jar", "target/canbao.jar"));
    private static final Path BENCH_JAR = JAR.resolveSibling("canbao-bench.jar");

    @Test
    void theProgramsJarHoldsNoBenchmarkAndTheBenchJarHoldsThemAll() throws IOException {
        List<String> program = entries(JAR);
        assertTrue(program.contains("canbao/cli/QuoteCommand.class"), "the program is there");
        assertEquals(List.of(), program.stream().filter(name -> name.startsWith("canbao/bench/")
                || name.contains("Benchmark") || name.contains("SameSchemaFloor")).toList());
        List<String> bench = entries(BENCH_JAR);
        for (String wanted : List.of("BenchCommand", "ImportBenchmark", "StoreBenchmark", "SyncBenchmark",
                "RenewalBenchmark", "QuoteProcessBenchmark", "SameSchemaFloor")) {
            assertTrue(bench.contains("canbao/bench/" + wanted + ".class"), wanted);
        }
        assertEquals(List.of(), bench.stream().filter(name -> name.endsWith(".class")
                && !name.startsWith("canbao/bench/")).toList(), "the program is not copied into the bench jar");
    }

    @Test
    void theBenchJarRunsBesideTheProgramAndTheProgramSaysWhereTheyWent() throws Exception {
        Result usage = run(List.of("java", "-jar", BENCH_JAR.toString(), "nothing"));
        assertEquals(64, usage.exit());
        assertTrue(usage.stderr().contains("bench quote"), usage.stderr());

        Result moved = run(List.of("java", "-jar", JAR.toString(), "bench", "quote"));
        assertEquals(64, moved.exit());
        assertTrue(moved.stderr().contains("canbao-bench.jar"), moved.stderr());
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = new ArrayList<>();
            for (var entry : Collections.list(file.entries())) {
                names.add(entry.getName());
            }
            return names;
        }
    }

    private record Result(int exit, String stderr) {
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), err);
    }
}
