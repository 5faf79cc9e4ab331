package canbao.gui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the file dialog opens: the desktop's documents folder, else ~/Documents or ~/文档, else home. */
class DocumentsFolderTest {

    @TempDir
    Path home;

    @Test
    void aChineseDesktopsDocumentsFolderIsTheOneItNames() throws Exception {
        Files.createDirectories(home.resolve("文档"));
        Files.createDirectories(home.resolve("Documents"));
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".config/user-dirs.dirs"),
                "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n");

        assertEquals(home.resolve("文档"), DocumentsFolder.of(home));
    }

    @Test
    void withoutTheDesktopsWordDocumentsOrWenDangIsUsed() throws Exception {
        Files.createDirectories(home.resolve("文档"));
        assertEquals(home.resolve("文档"), DocumentsFolder.of(home));
        Files.createDirectories(home.resolve("Documents"));
        assertEquals(home.resolve("Documents"), DocumentsFolder.of(home));
    }

    @Test
    void noDocumentsFolderOpensTheHomeFolder() throws Exception {
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".config/user-dirs.dirs"), "XDG_DOCUMENTS_DIR=\"$HOME/\"\n");
        assertEquals(home, DocumentsFolder.of(home));
    }
}
