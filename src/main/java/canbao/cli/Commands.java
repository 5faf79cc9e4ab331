package canbao.cli;

import canbao.policy.PolicyTableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The headless commands by name ({@code java -jar canbao.jar COMMAND …}), and how any of them ends
 * when it cannot go on: a usage error (exit 64) says which option and what it takes; anything else
 * unforeseen is one line for the operator or the script (exit 2), never a stack trace.
 */
public final class Commands {

    private Commands() {
    }

    public static int run(CommandLine cli, String[] args) {
        try {
            return switch (args[0]) {
                case "quote" -> QuoteCommand.main(cli, args);
                case "setup" -> SetupCommand.setUp(cli, args);
                case "county-key" -> SetupCommand.pinCountyKey(cli, args);
                case "enroll" -> EnrollCommand.main(cli, args);
                case "bench" -> bench(cli, args);
                case "hub" -> HubCommand.main(cli, args);
                case "sync" -> SyncCommand.main(cli, args);
                case "import" -> ImportCommand.main(cli, args);
                case "report" -> ReportCommand.main(cli, args);
                case "audit" -> AuditCommand.main(cli, args);
                case "policy" -> new PolicyCommand(cli.stdout(), cli.err(), cli.clock(), cli.locale(),
                        System.getProperty("user.name")).run(args);
                case "help", "-h" -> {
                    cli.err().println(cli.text("cli.usage"));
                    yield 0;
                }
                default -> {
                    cli.err().println(cli.format("cli.unknownCommand", args[0]));
                    cli.err().println(cli.text("cli.usage"));
                    yield CommandLine.EXIT_USAGE;
                }
            };
        } catch (DateTimeParseException e) {
            if (!Arrays.asList(args).contains(e.getParsedString())) {
                return failed(cli, e);
            }
            // an option's date (--date 2022-02-30): a usage error, said with what was given
            cli.err().println(cli.format("cli.badDate", e.getParsedString()));
            return CommandLine.EXIT_USAGE;
        } catch (UsageException e) {
            cli.err().println(e.getMessage());
            if (e.showUsage()) {
                cli.err().println(cli.text("cli.usage"));
            }
            return CommandLine.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || Arrays.stream(args).skip(1).noneMatch(e.getMessage()::contains)) {
                // not about anything on the command line (a value read from a file or from standard input):
                // not a usage error, and its message may quote what was read
                return failed(cli, e);
            }
            // a refusal of an option's value no option parser foresaw (--port 99999): said as it came, with the usage
            cli.err().println(cli.format("cli.unknownOption", e.getMessage()));
            cli.err().println(cli.text("cli.usage"));
            return CommandLine.EXIT_USAGE;
        } catch (PolicyTableException e) {
            // a table file named on the command line (--policy-dir) is wrong: which file, which field
            cli.err().println(e.getMessage());
            return CommandLine.EXIT_FAILED;
        } catch (Throwable e) {
            return failed(cli, e);
        }
    }

    /** The benchmarks are not part of the counter's program: they live in canbao-bench.jar (README, Benchmarks). */
    private static int bench(CommandLine cli, String[] args) {
        cli.err().println(cli.text("cli.bench.elsewhere"));
        return CommandLine.EXIT_USAGE;
    }

    /**
     * Anything a command did not foresee: one line for the operator or the script (what kind of thing
     * failed, nothing saved half), never a stack trace; the stack goes to a private log file, written
     * without any exception's message (a parser's or driver's message may quote a name or an ID number).
     */
    static int failed(CommandLine cli, Throwable e) {
        String where;
        try {
            Path log = Files.createTempFile("canbao-error-", ".log");
            StringBuilder stack = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                stack.append(t == e ? "" : "caused by ").append(t.getClass().getName()).append('\n');
                for (StackTraceElement frame : t.getStackTrace()) {
                    stack.append("    ").append(frame).append('\n');
                }
            }
            Files.writeString(log, stack, StandardCharsets.UTF_8);
            where = log.toString();
        } catch (java.io.IOException | RuntimeException notWritten) {
            where = "—";
        }
        cli.err().println(cli.format("cli.failed", cli.text(kindOf(e)), where));
        return CommandLine.EXIT_FAILED;
    }

    private static String kindOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException || t instanceof java.io.FileNotFoundException) {
                return "cli.failed.noFile";
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                return "cli.failed.access";
            }
            if (t instanceof java.sql.SQLException || t instanceof org.jdbi.v3.core.JdbiException
                    || t instanceof org.flywaydb.core.api.FlywayException) {
                return "cli.failed.database";
            }
            if (t instanceof OutOfMemoryError) {
                return "cli.failed.memory";
            }
            if (t instanceof java.io.IOException) {
                return "cli.failed.io";
            }
        }
        return "cli.failed.other";
    }
}
