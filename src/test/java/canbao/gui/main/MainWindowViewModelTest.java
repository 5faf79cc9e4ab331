package canbao.gui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.Localization;
import canbao.model.Operator;
import canbao.model.Role;
import canbao.policy.PolicyLibrary;
import canbao.store.Workplace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The main window without a window: who works where, which years are loaded, which one is awaited. */
class MainWindowViewModelTest {

    private static final Workplace WORKPLACE = new Workplace("龙凤镇", "500112", "admin");
    private static final Operator CLERK = new Operator("wangfang", "王芳", Role.CLERK);

    private static MainWindowViewModel window(LocalDate today, Runnable signOut) {
        return new MainWindowViewModel(PolicyLibrary.builtIn(), WORKPLACE, CLERK, Path.of("/srv/canbao"),
                Localization.CHINESE, today, signOut);
    }

    @Test
    void theStatusLineSaysWhoWhereAndWhichData() {
        MainWindowViewModel window = window(LocalDate.of(2026, 6, 1), () -> { });
        assertEquals("参保通", window.titleProperty().get());
        assertEquals("龙凤镇（500112） 操作员：王芳（柜员）", window.workplaceProperty().get());
        assertEquals("数据文件夹：" + Path.of("/srv/canbao").toAbsolutePath(), window.dataFolderProperty().get());
        assertEquals("已载入政策年度：2021、2022、2023、2024、2025、2026", window.policyYearsProperty().get());
    }

    @Test
    void inTheCollectionSeasonOfAYearWithoutATableItIsSaidToBeAwaited() {
        MainWindowViewModel window = window(LocalDate.of(2026, 11, 29), () -> { });
        assertEquals("已载入政策年度：2021、2022、2023、2024、2025、2026；2027年度政策表尚未发布，待区县发布后由“上传”下载",
                window.policyYearsProperty().get());
    }

    @Test
    void screensAreBroughtToTheFrontAndSigningOutIsHandedOn() {
        AtomicInteger signedOut = new AtomicInteger();
        MainWindowViewModel window = window(LocalDate.of(2026, 11, 29), signedOut::incrementAndGet);
        window.show("renewals");
        assertEquals("renewals", window.screenProperty().get());
        assertEquals("上传", window.uploadTitleProperty().get(), "nothing counted yet: the tab's plain name");
        window.signOut();
        assertEquals(1, signedOut.get());
    }
}
