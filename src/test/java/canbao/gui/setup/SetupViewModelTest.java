package canbao.gui.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.model.Role;
import canbao.account.Session;
import canbao.account.SignIn;
import canbao.store.WorkplaceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 首次设置 without a window: wrong fields are named next to them and nothing is made; a right form makes the folder. */
class SetupViewModelTest {

    @TempDir
    Path folder;

    private final AtomicReference<Session> made = new AtomicReference<>();

    @AfterEach
    void close() {
        if (made.get() != null) {
            made.get().close();
        }
    }

    private SetupViewModel viewModel() {
        return new SetupViewModel(new SignIn(folder, Clock.systemUTC()), new CurrentThreadTaskExecutor(),
                Localization.CHINESE, made::set);
    }

    @Test
    void everyWrongFieldIsNamedAndNothingIsCreated() throws Exception {
        SetupViewModel setup = viewModel();
        setup.countyProperty().set("5001");
        setup.loginProperty().set("a b");
        setup.passwordProperty().set("short");
        setup.repeatedProperty().set("short");

        setup.save();

        assertEquals("缺少必填项", setup.errors().get("township"));
        assertEquals("区县代码应为6位数字", setup.errors().get("county"));
        assertEquals("登录名只能用2至32位字母、数字、下划线或点", setup.errors().get("login"));
        assertEquals("缺少必填项", setup.errors().get("name"));
        assertEquals("口令至少8位", setup.errors().get("password"));
        assertFalse(setup.workingProperty().get());
        assertNull(made.get());
        try (var left = Files.list(folder)) {
            assertEquals(0, left.count(), "a refused first run leaves no file behind");
        }
    }

    @Test
    void aRightFormMakesTheFolderAndItsAdministratorAndForgetsThePassword() {
        SetupViewModel setup = viewModel();
        setup.townshipProperty().set("龙凤镇");
        setup.countyProperty().set("500112");
        setup.loginProperty().set("admin");
        setup.nameProperty().set("李华");
        setup.passwordProperty().set("counter-pass-1");
        setup.repeatedProperty().set("counter-pass-2");

        setup.save();
        assertEquals("两次输入的口令不一致", setup.errors().get("repeated"));
        assertNull(made.get());

        setup.repeatedProperty().set("counter-pass-1");
        setup.save();

        Session session = made.get();
        assertTrue(setup.errors().isEmpty(), setup.errors().snapshot().toString());
        assertEquals(Role.ADMIN, session.operator().role());
        assertEquals("龙凤镇", new WorkplaceSettings(session.database()).load().orElseThrow().township());
        assertEquals("", setup.passwordProperty().get());
        assertEquals("", setup.repeatedProperty().get());
        assertFalse(new SignIn(folder, Clock.systemUTC()).firstRun());
    }

    @Test
    void aFolderAlreadySetUpIsNotSetUpAgain() {
        SetupViewModel first = viewModel();
        fill(first);
        first.save();
        made.get().close();
        made.set(null);

        SetupViewModel again = viewModel();
        fill(again);
        again.save();

        assertEquals("这个数据文件夹已经设置过，请直接登录", again.messageProperty().get());
        assertNull(made.get());
    }

    private static void fill(SetupViewModel setup) {
        setup.townshipProperty().set("龙凤镇");
        setup.countyProperty().set("500112");
        setup.loginProperty().set("admin");
        setup.nameProperty().set("李华");
        setup.passwordProperty().set("counter-pass-1");
        setup.repeatedProperty().set("counter-pass-1");
    }
}
