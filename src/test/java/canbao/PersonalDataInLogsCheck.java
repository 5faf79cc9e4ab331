package canbao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.IdMask;
import canbao.policy.ResidentId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After the whole test run (a failsafe execution of its own, after every unit, GUI and integration test):
 * what the tests, the counters, the hubs and the commands they started wrote to their output and logs
 * holds no resident ID number — neither one of the test sources' numbers nor any other well-formed one
 * (a number whose check character is right). Names cannot be found by a pattern; the program never logs
 * them, and the ID number is what a leak carries with them.
 */
class PersonalDataInLogsCheck {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])");
    private static final Path TARGET = Path.of("target");

    @Test
    void noTestOutputOrLogHoldsAnIdNumber() throws IOException {
        Set<String> testNumbers = numbersIn(List.of(Path.of("src/test/java")), name -> name.endsWith(".java"));
        assertTrue(testNumbers.size() > 20, "the ID numbers of the test sources: " + testNumbers.size());

        List<Path> outputs = new ArrayList<>();
        for (String folder : List.of("surefire-reports", "failsafe-reports", "logs")) {
            Path root = TARGET.resolve(folder);
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith("-output.txt") || f.toString().endsWith(".log"))
                            .forEach(outputs::add);
                }
            }
        }
        assertTrue(outputs.size() >= 10, "the run's outputs were found: " + outputs);

        List<String> leaks = new ArrayList<>();
        for (Path output : outputs) {
            List<String> lines = readLenient(output);
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = ID_NUMBER.matcher(lines.get(i));
                while (matcher.find()) {
                    String number = matcher.group().toUpperCase();
                    if (testNumbers.contains(number) || wellFormed(number)) {
                        leaks.add(TARGET.relativize(output) + ":" + (i + 1) + " " + IdMask.mask(number));
                    }
                }
            }
        }
        assertEquals(List.of(), leaks, "ID numbers in the outputs and logs of the test run");
    }

    private static boolean wellFormed(String number) {
        return ResidentId.checkCharacter(number.substring(0, 17)) == number.charAt(17);
    }

    private static Set<String> numbersIn(List<Path> roots, java.util.function.Predicate<String> wanted)
            throws IOException {
        Set<String> numbers = new TreeSet<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> wanted.test(f.toString())).toList()) {
                    Matcher matcher = ID_NUMBER.matcher(Files.readString(file));
                    while (matcher.find()) {
                        numbers.add(matcher.group().toUpperCase());
                    }
                }
            }
        }
        return numbers;
    }

    /** An output may hold bytes that are not UTF-8 (a child process's); they are read as replacement characters. */
    private static List<String> readLenient(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return List.of(decoder.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString().split("\n", -1));
    }
}
