package canbao.gui.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.DialogService;
import canbao.model.Localization;
import canbao.policy.CountyKey;
import canbao.policy.CountySigner;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 政策参数 without a window: the key folder and the file come through the dialog service. */
class PolicyEditorViewModelTest {

    @TempDir
    Path folder;

    private PolicyEditorViewModel viewModel() {
        return new PolicyEditorViewModel(PolicyLibrary.builtIn(), new QuoteEngine(Localization.CHINESE),
                Clock.fixed(Instant.parse("2026-10-20T02:00:00Z"), ZoneId.of("Asia/Shanghai")), "王芳",
                Localization.CHINESE);
    }

    private static DialogService choosing(Path keyFolder, Path output) {
        return new DialogService() {
            @Override
            public boolean confirm(String title, String question, String yes, String no) {
                return false;
            }

            @Override
            public Optional<String> askText(String title, String question, int maxLength) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseFolder(String title) {
                return Optional.ofNullable(keyFolder);
            }

            @Override
            public Optional<Path> chooseFileToSave(String title, String initialName, java.util.List<FileType> types) {
                assertEquals("2027.json", initialName);
                return Optional.ofNullable(output);
            }
        };
    }

    @Test
    void theKeyFolderAndFileChosenThroughTheDialogServiceGetTheSignedTable() throws Exception {
        CountySigner.Generated county = CountySigner.generate("县", 2027, 2027);
        Path keys = Files.createDirectories(folder.resolve("keys"));
        Files.write(keys.resolve("county-key.pem"), county.privatePem());
        Files.write(keys.resolve("county-key.json"), county.keyDocument());
        PolicyEditorViewModel viewModel = viewModel();
        viewModel.useDialogs(choosing(keys, folder.resolve("2027.json")));

        assertEquals("2026", viewModel.sourceProperty().get(), "opens on the newest built-in year");
        viewModel.open();
        viewModel.makeNextYear();
        viewModel.chooseKeyFolder();
        viewModel.chooseOutputFile();
        viewModel.saveAndSign();

        assertTrue(viewModel.messageProperty().get().startsWith("已保存并签名"), viewModel.messageProperty().get());
        assertEquals(2027, CountyKey.parse("k", county.keyDocument()).verified("2027.json",
                Files.readAllBytes(folder.resolve("2027.json")), Files.readAllBytes(folder.resolve("2027.json.sig")))
                .year());
    }

    @Test
    void withoutAKeyFolderOrWithAnEmptyOneNothingIsSavedAndTheFieldSaysWhy() throws Exception {
        PolicyEditorViewModel viewModel = viewModel();
        viewModel.open();
        viewModel.makeNextYear();
        viewModel.outputFileProperty().set(folder.resolve("2027.json").toString());

        viewModel.saveAndSign();
        assertEquals("请填写", viewModel.errors().map().get(PolicyEditorViewModel.KEY_FOLDER_FIELD));

        viewModel.keyFolderProperty().set(Files.createDirectories(folder.resolve("empty")).toString());
        viewModel.saveAndSign();
        assertTrue(viewModel.errors().map().get(PolicyEditorViewModel.KEY_FOLDER_FIELD).contains("county-key.pem"));
        assertFalse(Files.exists(folder.resolve("2027.json")));
    }

    @Test
    void aValueTheLoaderRefusesIsShownNextToItAndThePreviewWaits() {
        PolicyEditorViewModel viewModel = viewModel();
        viewModel.open();
        viewModel.makeNextYear();
        assertFalse(viewModel.preview().isEmpty());
        viewModel.selectedProperty().set(viewModel.figures().stream()
                .filter(row -> row.figure().path().equals("paymentWindows[1].start")).findFirst().orElseThrow());

        viewModel.valueProperty().set("2027-01-05");
        viewModel.apply();

        assertTrue(viewModel.errors().map().get(PolicyEditorViewModel.VALUE_FIELD).contains("从2027年1月1日开始"));
        assertTrue(viewModel.preview().isEmpty());
        assertEquals("2027-01-05", viewModel.valueProperty().get(), "what was typed stays to be corrected");
    }
}
