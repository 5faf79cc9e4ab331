package canbao.gui.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a file dialog opens: the user's documents folder as the desktop names it (XDG_DOCUMENTS_DIR in
 * ~/.config/user-dirs.dirs, which a Chinese desktop sets to ~/文档), else ~/Documents or ~/文档 when
 * one exists, else the home folder.
 */
public final class DocumentsFolder {

    private static final Pattern XDG = Pattern.compile("^\\s*XDG_DOCUMENTS_DIR\\s*=\\s*\"?([^\"]*)\"?\\s*$");

    private DocumentsFolder() {
    }

    public static Path of(Path home) {
        Path named = fromUserDirs(home);
        if (named != null) {
            return named;
        }
        for (String candidate : List.of("Documents", "文档", "My Documents")) {
            Path folder = home.resolve(candidate);
            if (Files.isDirectory(folder)) {
                return folder;
            }
        }
        return home;
    }

    private static Path fromUserDirs(Path home) {
        Path file = home.resolve(".config").resolve("user-dirs.dirs");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = XDG.matcher(line);
                if (matcher.matches()) {
                    String value = matcher.group(1).replace("$HOME", home.toString());
                    Path folder = Path.of(value);
                    // "$HOME/" alone means the desktop has no documents folder: use the home folder
                    return Files.isDirectory(folder) ? folder : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable or odd file: fall back to the usual names
        }
        return null;
    }
}
