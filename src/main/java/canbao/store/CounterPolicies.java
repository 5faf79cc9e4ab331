package canbao.store;

import canbao.policy.PolicyLibrary;
import java.nio.file.Path;

/**
 * The policy tables a counter works with, the same for the window and every command: the built-in
 * ones, plus those of the data folder's {@code policy/} that verify against the county key pinned in
 * the encrypted database (see {@link PolicyLibrary#withSignedDirectory}); the files that do not are
 * listed for whoever shows them.
 */
public final class CounterPolicies {

    public static final String FOLDER = "policy";

    private CounterPolicies() {
    }

    public static PolicyLibrary.Checked load(Path dataFolder, Database database) {
        return PolicyLibrary.builtIn().withSignedDirectory(dataFolder.resolve(FOLDER),
                new WorkplaceSettings(database).countyKey());
    }
}
