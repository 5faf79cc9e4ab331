package canbao.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The reader a choice names: a vendor family behind the helper process, a file of cards, or none. */
public final class CardReaders {

    private CardReaders() {
    }

    /** @param libraryPath folders where a vendor's library may be installed besides the system's */
    public static CardReader open(ReaderChoice choice, List<Path> libraryPath) {
        return switch (choice.kind()) {
            case NONE -> CardReader.NONE;
            case SIMULATED -> new SimulatedCardReader(choice.file());
            case AUTO, TERMB, SDTAPI -> new Installed(choice, libraryPath);
        };
    }

    /**
     * The administrator's 测试读卡: one read of the reader {@code choice} names, through the same helper
     * process the screens use, waiting at most {@code timeout}; then the helper is stopped. Unlike a
     * screen's read it says why there is no reader when it can tell: the vendor's library is not
     * installed ({@code reader.libraryMissing}), the helper did not answer in time
     * ({@code reader.test.noAnswer}) or died in vendor code ({@code reader.test.crashed}), the simulated
     * reader's file does not exist ({@code reader.test.fileMissing}).
     *
     * @param environment extra environment of the helper (tests name their fake card there)
     */
    public static CardRead trial(ReaderChoice choice, List<Path> libraryPath, Map<String, String> environment,
                                 Duration timeout) {
        switch (choice.kind()) {
            case NONE:
                return CardRead.NO_READER;
            case SIMULATED:
                if (!Files.isRegularFile(choice.file())) {
                    return new CardRead.Failed("reader.test.fileMissing", choice.file().toString());
                }
                return new SimulatedCardReader(choice.file()).read();
            default:
                break;
        }
        CardRead missing = missingLibrary(choice, libraryPath);
        if (missing != null) {
            return missing;
        }
        try (HelperCardReader helper = new HelperCardReader(choice, libraryPath, environment, timeout,
                Clock.systemUTC())) {
            CardRead read = helper.read();
            return switch (helper.lastTrouble()) {
                case NONE -> read;
                case NO_ANSWER -> new CardRead.Failed("reader.test.noAnswer", String.valueOf(timeout.toSeconds()));
                case EXITED, BAD_ANSWER -> new CardRead.Failed("reader.test.crashed",
                        read instanceof CardRead.Failed failed ? failed.detail() : "");
            };
        }
    }

    /** {@code reader.libraryMissing} when the library the choice needs is nowhere to be found, else null. */
    private static CardRead missingLibrary(ReaderChoice choice, List<Path> libraryPath) {
        if (choice.library() != null) {
            return Files.isRegularFile(choice.library()) ? null
                    : new CardRead.Failed("reader.libraryMissing", choice.library().toString());
        }
        return installed(choice.family(), libraryPath) ? null
                : new CardRead.Failed("reader.libraryMissing", String.join("、", libraryNames(choice.family())));
    }

    /**
     * A vendor family whose helper is started only once its library is installed: a counter without a
     * reader (most test machines, a counter with the setting left at auto) runs no helper process, and
     * a library installed later is found at the next read.
     */
    private static final class Installed implements CardReader {
        private final ReaderChoice choice;
        private final List<Path> libraryPath;
        private HelperCardReader helper;

        Installed(ReaderChoice choice, List<Path> libraryPath) {
            this.choice = choice;
            this.libraryPath = List.copyOf(libraryPath);
        }

        @Override
        public synchronized CardRead read() {
            if (helper == null) {
                if (choice.library() != null) {
                    // a file the administrator named: its absence is said, not taken for "no reader"
                    CardRead missing = missingLibrary(choice, libraryPath);
                    if (missing != null) {
                        return missing;
                    }
                } else if (!installed(choice.family(), libraryPath)) {
                    return CardRead.NO_READER;
                }
                helper = new HelperCardReader(choice, libraryPath, Map.of(), Duration.ofSeconds(15),
                        Clock.systemUTC());
            }
            return helper.read();
        }

        @Override
        public synchronized void close() {
            if (helper != null) {
                helper.close();
                helper = null;
            }
        }
    }

    /** Whether a library of the family is in one of the folders given or the system's library folders. */
    static boolean installed(String family, List<Path> libraryPath) {
        List<String> names = libraryNames(family);
        List<Path> folders = new ArrayList<>(libraryPath);
        for (String variable : new String[] {System.getProperty("java.library.path"), System.getenv("LD_LIBRARY_PATH")}) {
            if (variable != null) {
                for (String folder : variable.split(java.io.File.pathSeparator)) {
                    if (!folder.isBlank()) {
                        folders.add(Path.of(folder));
                    }
                }
            }
        }
        for (String folder : SYSTEM_FOLDERS) {
            folders.add(Path.of(folder));
        }
        return folders.stream().anyMatch(folder -> names.stream().anyMatch(name -> Files.isRegularFile(folder.resolve(name))));
    }

    /** The file names a family's library is installed under (auto: both families'). */
    static List<String> libraryNames(String family) {
        List<String> names = new ArrayList<>();
        if (!family.equals("sdtapi")) {
            names.addAll(List.of("libtermb.so", "termb.dll", "Termb.dll"));
        }
        if (!family.equals("termb")) {
            names.addAll(List.of("libsdtapi.so", "sdtapi.dll"));
        }
        return names;
    }

    private static final String[] SYSTEM_FOLDERS = {"/usr/local/lib", "/usr/lib", "/usr/lib64", "/lib",
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib/i386-linux-gnu"};
}
