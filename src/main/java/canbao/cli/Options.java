package canbao.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of a headless command; an unknown or valueless option is an error. */
public final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options parse(String[] args, int from, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !known.contains(arg.substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException(arg);
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new Options(values);
    }

    public String get(String name) {
        return values.get(name);
    }
}
