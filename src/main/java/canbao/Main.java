package canbao;

import canbao.cli.BenchCommand;
import canbao.cli.QuoteCommand;
import canbao.gui.GuiLauncher;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * {@code java -jar canbao.jar [command]}: no command opens the window; otherwise a headless command.
 * Kept free of JavaFX so headless commands never load it.
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

    static int run(String[] args) throws Exception {
        Locale locale = Localization.CHINESE;
        // standard streams in UTF-8 whatever the platform's default (GBK on Chinese Windows, ASCII under LANG=C)
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "quote" -> {
                PolicyLibrary library = PolicyLibrary.builtIn();
                for (int i = 1; i < args.length; i++) {
                    if (args[i].equals("--policy-dir") && i + 1 < args.length) {
                        library = library.withDirectory(Path.of(args[++i]));
                    } else {
                        err.println(Localization.format(locale, "cli.unknownOption", args[i]));
                        return 64;
                    }
                }
                QuoteCommand command = new QuoteCommand(new QuoteRequestValidator(library, Clock.systemDefaultZone()),
                        new QuoteEngine(locale), locale);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8), 1 << 16);
                Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
                return command.run(in, new BufferedWriter(out, 1 << 16));
            }
            case "bench" -> {
                PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
                return new BenchCommand(out).run(java.util.Arrays.copyOfRange(args, 1, args.length));
            }
            case "help", "-h" -> {
                err.println(Localization.text(locale, "cli.usage"));
                return 0;
            }
            default -> {
                err.println(Localization.format(locale, "cli.unknownCommand", args[0]));
                err.println(Localization.text(locale, "cli.usage"));
                return 64;
            }
        }
    }
}
