package canbao.gui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where 存为PDF opens: the operator's documents folder, never the system's temporary folder. */
class DocumentsFolderTest {

    @TempDir
    Path home;

    @Test
    void homeWhenThereIsNoDocumentsFolder() {
        assertEquals(home, DocumentsFolder.of(home));
    }

    @Test
    void documentsOrTheChineseDesktopsFolder() throws Exception {
        Files.createDirectory(home.resolve("文档"));
        assertEquals(home.resolve("文档"), DocumentsFolder.of(home));

        Files.createDirectory(home.resolve("Documents"));
        assertEquals(home.resolve("Documents"), DocumentsFolder.of(home));
    }

    @Test
    void theDesktopsOwnSettingFirst() throws Exception {
        Files.createDirectories(home.resolve(".config"));
        Files.createDirectory(home.resolve("Documents"));
        Files.createDirectory(home.resolve("我的文件"));
        Files.writeString(home.resolve(".config/user-dirs.dirs"),
                "XDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/我的文件\"\n", StandardCharsets.UTF_8);

        assertEquals(home.resolve("我的文件"), DocumentsFolder.of(home));
    }
}
