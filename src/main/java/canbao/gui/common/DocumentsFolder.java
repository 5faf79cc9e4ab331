package canbao.gui.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a save dialog opens: the operator's documents folder — the desktop's own (XDG_DOCUMENTS_DIR in
 * {@code ~/.config/user-dirs.dirs}), else {@code ~/Documents}, or {@code ~/文档} on a Chinese Linux
 * desktop — else the home folder. Never the system's temporary folder: a printout holds names and ID
 * numbers.
 */
public final class DocumentsFolder {

    private DocumentsFolder() {
    }

    public static Path of(Path home) {
        Path desktops = home.resolve(".config/user-dirs.dirs");
        if (Files.isRegularFile(desktops)) {
            try {
                List<String> lines = Files.readAllLines(desktops, StandardCharsets.UTF_8);
                for (String line : lines) {
                    if (line.startsWith("XDG_DOCUMENTS_DIR=")) {
                        String value = line.substring(line.indexOf('=') + 1).replace("\"", "").strip();
                        Path folder = value.startsWith("$HOME") ? Path.of(home + value.substring(5)) : Path.of(value);
                        if (folder.isAbsolute() && Files.isDirectory(folder) && !folder.equals(home)) {
                            return folder;
                        }
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // an unreadable or odd file: the usual names below
            }
        }
        for (String name : new String[] {"Documents", "文档"}) {
            Path folder = home.resolve(name);
            if (Files.isDirectory(folder)) {
                return folder;
            }
        }
        return home;
    }
}
