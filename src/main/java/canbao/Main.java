package canbao;

import canbao.cli.CommandLine;
import canbao.cli.Commands;
import canbao.gui.GuiLauncher;

/**
 * {@code java -jar canbao.jar [command]}: no command (or only options such as {@code --data DIR})
 * opens the window; otherwise a headless command ({@link Commands}, each in {@code cli/}). Kept free
 * of JavaFX so headless commands never load it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("--")) {
            GuiLauncher.launch(args);
            return;
        }
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Commands.run(CommandLine.system(), args);
    }
}
