package canbao.account;

import canbao.model.Localization;
import canbao.model.Operator;
import canbao.model.Problem;
import canbao.model.Role;
import canbao.model.Validated;
import canbao.store.DataKey;
import canbao.store.Database;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The way into a data folder: its first run (the workplace and the first administrator, which makes the
 * folder's key), then signing in — the password opens the keyring slot, the key opens the database, and
 * the database says whether the login is still an active operator and with which role.
 */
public final class SignIn {

    /** What signing in came to. */
    public sealed interface Outcome {
        record SignedIn(Session session) implements Outcome {
        }

        /** Unknown login or wrong password; how many tries are left before the lock. */
        record Refused(int attemptsLeft) implements Outcome {
        }

        record Locked(Instant until) implements Outcome {
        }
    }

    private final Path folder;
    private final Clock clock;
    private final Keyring keyring;

    public SignIn(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
        this.keyring = new Keyring(folder, clock);
    }

    /** A folder without a keyring has not been set up yet. */
    public boolean firstRun() {
        return !Keyring.exists(folder);
    }

    /**
     * A database made before operator accounts (not encrypted, no keyring): it cannot be opened by a
     * password, and is never opened without one; see README "Encryption at rest".
     */
    private boolean unencryptedLeftover() {
        return firstRun() && Files.exists(folder.resolve(Database.FILE_NAME));
    }

    /** First run: township, county code and the administrator's account; problems name the fields. */
    public Validated<Session> setUp(String township, String county, String login, String name, char[] password,
                                    char[] repeated) {
        List<Problem> problems = new ArrayList<>();
        if (township == null || township.isBlank()) {
            problems.add(Problem.of("township", "field.missing"));
        }
        if (county == null || !canbao.policy.FieldRules.isCountyCode(county.strip())) {
            problems.add(Problem.of("county", "setup.county"));
        }
        problems.addAll(Accounts.problems(login, name, password, repeated));
        if (problems.isEmpty() && !firstRun()) {
            problems.add(Problem.of("", "setup.alreadyDone"));
        }
        if (problems.isEmpty() && unencryptedLeftover()) {
            problems.add(Problem.of("", "setup.unencryptedLeftover"));
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        Operator administrator = new Operator(login.strip(), name.strip(), Role.ADMIN);
        DataKey key = keyring.create(administrator.login(), password);
        Database database = null;
        try {
            database = Database.open(folder, key);
            new WorkplaceSettings(database).save(new Workplace(township.strip(), county.strip(), administrator.login()));
            Database opened = database;
            opened.jdbi().useTransaction(handle -> Accounts.insertFirst(handle, administrator, clock.instant()));
        } catch (RuntimeException e) {
            // nothing half made: without its administrator the folder could never be signed in to
            if (database != null) {
                database.close();
            }
            removeFirstRun();
            throw e;
        }
        return Validated.valid(new Session(database, administrator, keyring, key));
    }

    /** What can be done before the password is known, so signing in is quicker: see {@link Database#warmUp}. */
    public void prepare() {
        Database.warmUp();
    }

    private void removeFirstRun() {
        for (String name : List.of(Keyring.FILE_NAME, Database.FILE_NAME, Database.FILE_NAME + "-wal",
                Database.FILE_NAME + "-shm")) {
            try {
                Files.deleteIfExists(folder.resolve(name));
            } catch (java.io.IOException | RuntimeException ignored) {
                // what cannot be removed is said by the exception being rethrown
            }
        }
    }

    public Outcome signIn(String login, char[] password) {
        Keyring.Unlock unlock = keyring.unlock(login == null ? "" : login.strip(), password);
        if (unlock instanceof Keyring.Unlock.Locked locked) {
            return new Outcome.Locked(locked.until());
        }
        if (unlock instanceof Keyring.Unlock.Refused refused) {
            return new Outcome.Refused(refused.attemptsLeft());
        }
        DataKey key = ((Keyring.Unlock.Opened) unlock).key();
        Database database = Database.open(folder, key);
        Optional<Operator> operator = new Accounts(database, keyring, key, clock).active(login.strip());
        if (operator.isEmpty()) {
            // a slot left behind by an account disabled while its keyring could not be written
            database.close();
            return new Outcome.Refused(0);
        }
        return new Outcome.SignedIn(new Session(database, operator.get(), keyring, key));
    }

    /** The message for a refused sign-in, as the sign-in screen and the commands say it. */
    public static String refusal(SignIn.Outcome outcome, Locale locale, ZoneId zone) {
        if (outcome instanceof SignIn.Outcome.Locked locked) {
            return Localization.format(locale, "signIn.locked", DateTimeFormatter.ofPattern("HH:mm").format(locked.until().atZone(zone)));
        }
        int left = ((SignIn.Outcome.Refused) outcome).attemptsLeft();
        return left > 0 ? Localization.format(locale, "signIn.refused", left)
                : Localization.text(locale, "signIn.refusedNoCount");
    }
}
