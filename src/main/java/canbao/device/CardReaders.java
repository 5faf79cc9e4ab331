package canbao.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The reader a choice names: a vendor family behind the helper process, a file of cards, or none. */
public final class CardReaders {

    private CardReaders() {
    }

    /** @param libraryPath folders where a vendor's library may be installed besides the system's */
    public static CardReader open(ReaderChoice choice, List<Path> libraryPath) {
        return switch (choice.kind()) {
            case NONE -> CardReader.NONE;
            case SIMULATED -> new SimulatedCardReader(choice.file());
            case AUTO -> new Installed("auto", libraryPath);
            case TERMB -> new Installed("termb", libraryPath);
            case SDTAPI -> new Installed("sdtapi", libraryPath);
        };
    }

    /**
     * A vendor family whose helper is started only once its library is installed: a counter without a
     * reader (most test machines, a counter with the setting left at auto) runs no helper process, and
     * a library installed later is found at the next read.
     */
    private static final class Installed implements CardReader {
        private final String family;
        private final List<Path> libraryPath;
        private HelperCardReader helper;

        Installed(String family, List<Path> libraryPath) {
            this.family = family;
            this.libraryPath = List.copyOf(libraryPath);
        }

        @Override
        public synchronized CardRead read() {
            if (helper == null) {
                if (!installed(family, libraryPath)) {
                    return CardRead.NO_READER;
                }
                helper = new HelperCardReader(family, libraryPath);
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
        List<String> names = new ArrayList<>();
        if (!family.equals("sdtapi")) {
            names.addAll(List.of("libtermb.so", "termb.dll", "Termb.dll"));
        }
        if (!family.equals("termb")) {
            names.addAll(List.of("libsdtapi.so", "sdtapi.dll"));
        }
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

    private static final String[] SYSTEM_FOLDERS = {"/usr/local/lib", "/usr/lib", "/usr/lib64", "/lib",
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib/i386-linux-gnu"};
}
