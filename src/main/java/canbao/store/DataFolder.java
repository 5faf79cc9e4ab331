package canbao.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a counter's data lives: {@code --data DIR}, else the environment variable
 * {@code CANBAO_DATA}, else {@code .canbao} in the user's home.
 */
public final class DataFolder {

    public static final String ENVIRONMENT_VARIABLE = "CANBAO_DATA";

    private DataFolder() {
    }

    public static Path resolve(String flag, Map<String, String> environment, String userHome) {
        if (flag != null && !flag.isBlank()) {
            return Path.of(flag);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(userHome, ".canbao");
    }
}
