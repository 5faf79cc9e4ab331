package canbao.cli;

import canbao.model.Localization;
import canbao.policy.CountyKey;
import canbao.policy.PolicyTableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The county's side of signed policy tables, run on the county's machine (not on the hub, which never
 * needs the private key): {@code hub keys init --out DIR --issuer NAME --years FROM-TO} makes the key
 * pair and prints the fingerprint the counters confirm by phone; {@code hub sign --key DIR TABLE.json}
 * writes {@code TABLE.json.sig} beside the table.
 */
public final class CountyKeyCommand {

    public static final int EXIT_USAGE = 64;
    public static final int EXIT_REFUSED = 1;
    private static final Pattern YEARS = Pattern.compile("(\\d{4})-(\\d{4})");

    private final PrintStream out;
    private final PrintStream err;
    private final Locale locale;

    public CountyKeyCommand(PrintStream out, PrintStream err, Locale locale) {
        this.out = out;
        this.err = err;
        this.locale = locale;
    }

    /** {@code args} from the word after {@code hub}: {@code keys init …} or {@code sign …}. */
    public int run(String[] args) {
        try {
            if (args.length >= 2 && args[0].equals("keys") && args[1].equals("init")) {
                return init(Options.parse(args, 2, Set.of("out", "issuer", "years")));
            }
            if (args.length >= 2 && args[0].equals("sign")) {
                return sign(Arrays.copyOfRange(args, 1, args.length));
            }
        } catch (IllegalArgumentException e) {
            // an unknown option, or one without its value: fall through to the usage
        }
        err.println(Localization.text(locale, "countyKey.usage"));
        return EXIT_USAGE;
    }

    private int init(Options options) {
        Matcher years = YEARS.matcher(String.valueOf(options.get("years")));
        if (options.get("out") == null || options.get("issuer") == null || options.get("issuer").isBlank()
                || !years.matches()) {
            err.println(Localization.text(locale, "countyKey.usage"));
            return EXIT_USAGE;
        }
        Path folder = Path.of(options.get("out"));
        try {
            CountyKey key = CountyKeyFiles.init(folder, options.get("issuer").strip(),
                    Integer.parseInt(years.group(1)), Integer.parseInt(years.group(2)));
            err.println(Localization.format(locale, "countyKey.made", folder.resolve(CountyKeyFiles.KEY_DOCUMENT),
                    folder.resolve(CountyKeyFiles.PRIVATE_KEY), key.fromYear(), key.toYear()));
            out.println(key.fingerprint());
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println(Localization.format(locale, "countyKey.exists", e.getFile()));
            return EXIT_REFUSED;
        } catch (PolicyTableException e) {
            err.println(e.getMessage());
            return EXIT_REFUSED;
        } catch (IOException e) {
            err.println(Localization.format(locale, "countyKey.io", folder, String.valueOf(e.getMessage())));
            return EXIT_REFUSED;
        }
    }

    /** {@code sign --key DIR TABLE.json [TABLE.json …]}: signs each in turn, stopping at the first refused. */
    private int sign(String[] args) {
        String key = null;
        java.util.List<Path> tables = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--key") && i + 1 < args.length && key == null) {
                key = args[++i];
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException(args[i]);
            } else {
                tables.add(Path.of(args[i]));
            }
        }
        if (key == null || tables.isEmpty()) {
            err.println(Localization.text(locale, "countyKey.usage"));
            return EXIT_USAGE;
        }
        Path keyFolder = Path.of(key);
        try {
            var signer = CountyKeyFiles.signer(keyFolder);
            for (Path table : tables) {
                Path written = CountyKeyFiles.sign(signer, table);
                err.println(Localization.format(locale, "countyKey.signed", written, signer.publicKey().fingerprint()));
            }
            return 0;
        } catch (PolicyTableException e) {
            err.println(e.getMessage());
            return EXIT_REFUSED;
        } catch (NoSuchFileException e) {
            err.println(Localization.format(locale, "countyKey.missingFile", e.getFile()));
            return EXIT_REFUSED;
        } catch (IOException e) {
            err.println(Localization.format(locale, "countyKey.io", keyFolder, String.valueOf(e.getMessage())));
            return EXIT_REFUSED;
        }
    }
}
