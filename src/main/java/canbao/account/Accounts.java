package canbao.account;

import canbao.model.Operator;
import canbao.model.Problem;
import canbao.model.Role;
import canbao.model.Validated;
import canbao.store.AuditLog;
import canbao.store.DataKey;
import canbao.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The operator accounts of a data folder, as the administrator manages them: add, new password, lift a
 * lock, disable. Each change is one transaction with its audit-log entry; the keyring is written inside
 * it, so a keyring that cannot be written leaves the account as it was.
 */
public final class Accounts {

    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_.]{2,32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One account as the administrator's list shows it. */
    public record Account(Operator operator, boolean active, Optional<Instant> lockedUntil) {
    }

    private final Database database;
    private final Keyring keyring;
    private final DataKey key;
    private final Clock clock;

    public Accounts(Database database, Keyring keyring, DataKey key, Clock clock) {
        this.database = database;
        this.keyring = keyring;
        this.key = key;
        this.clock = clock;
    }

    public List<Account> list() {
        Map<String, Instant> locks = keyring.locks();
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT login, name, role, active FROM operator ORDER BY active DESC, login")
                .map(Accounts::row)
                .list())
                .stream()
                .map(a -> new Account(a.operator(), a.active(),
                        Optional.ofNullable(locks.get(a.operator().login()))))
                .toList();
    }

    /** An account as stored; its lock is in the keyring. */
    private static Account row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Account(new Operator(rs.getString(1), rs.getString(2), Role.ofCode(rs.getString(3)).orElseThrow()),
                rs.getBoolean(4), Optional.empty());
    }

    /** The active operator with this login, if any. */
    public Optional<Operator> active(String login) {
        return find(login).filter(Account::active).map(Account::operator);
    }

    private Optional<Account> find(String login) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT login, name, role, active FROM operator WHERE login = ?").bind(0, login)
                .map(Accounts::row)
                .findOne());
    }

    /** What is wrong with a new account's fields; problems name the fields login, name, password, repeated. */
    public static List<Problem> problems(String login, String name, char[] password, char[] repeated) {
        List<Problem> problems = new ArrayList<>();
        if (login == null || login.isBlank()) {
            problems.add(Problem.of("login", "field.missing"));
        } else if (!LOGIN.matcher(login.strip()).matches()) {
            problems.add(Problem.of("login", "account.login.format"));
        }
        if (name == null || name.isBlank()) {
            problems.add(Problem.of("name", "field.missing"));
        }
        problems.addAll(passwordProblems(password, repeated));
        return problems;
    }

    public static List<Problem> passwordProblems(char[] password, char[] repeated) {
        List<Problem> problems = new ArrayList<>();
        if (password.length < MIN_PASSWORD_LENGTH) {
            problems.add(Problem.of("password", "account.password.short", MIN_PASSWORD_LENGTH));
        } else if (!java.util.Arrays.equals(password, repeated)) {
            problems.add(Problem.of("repeated", "account.password.mismatch"));
        }
        return problems;
    }

    public Validated<Operator> add(String login, String name, Role role, char[] password, char[] repeated,
                                   String by) {
        List<Problem> problems = problems(login, name, password, repeated);
        if (problems.isEmpty() && find(login.strip()).isPresent()) {
            problems.add(Problem.of("login", "account.login.taken"));
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        Operator operator = new Operator(login.strip(), name.strip(), role);
        database.jdbi().useTransaction(handle -> {
            insert(handle, operator, by, clock.instant());
            keyring.put(operator.login(), password, key);
        });
        return Validated.valid(operator);
    }

    /** The first administrator, made by the first run itself. */
    static void insertFirst(Handle handle, Operator operator, Instant at) {
        insert(handle, operator, operator.login(), at);
    }

    private static void insert(Handle handle, Operator operator, String by, Instant at) {
        handle.createUpdate("""
                INSERT INTO operator (login, name, role, active, revision, created_at, created_by, updated_at, updated_by)
                VALUES (:login, :name, :role, 1, 1, :at, :by, :at, :by)""")
                .bind("login", operator.login()).bind("name", operator.name()).bind("role", operator.role().code())
                .bind("at", at.toString()).bind("by", by).execute();
        AuditLog.appendText(handle, "operator", operator.login(), 1, "create",
                describe(operator, true, "created"), by, at);
    }

    /** A new password (forgotten, or first set by the administrator); also lifts a lock. */
    public List<Problem> resetPassword(String login, char[] password, char[] repeated, String by) {
        List<Problem> problems = passwordProblems(password, repeated);
        if (!problems.isEmpty()) {
            return problems;
        }
        Operator operator = active(login).orElseThrow(() -> new IllegalArgumentException("no active operator"));
        change(operator, true, "password reset", by, () -> keyring.put(login, password, key));
        return List.of();
    }

    /**
     * An operator's own new password, given the current one (a wrong one counts towards the lock like a
     * wrong sign-in); problems name the fields current, password, repeated.
     */
    public List<Problem> changeOwnPassword(String login, char[] current, char[] password, char[] repeated) {
        List<Problem> problems = passwordProblems(password, repeated);
        if (!problems.isEmpty()) {
            return problems;
        }
        Keyring.Unlock unlock = keyring.unlock(login, current);
        if (unlock instanceof Keyring.Unlock.Locked) {
            return List.of(Problem.of("current", "account.current.locked"));
        }
        if (!(unlock instanceof Keyring.Unlock.Opened)) {
            return List.of(Problem.of("current", "account.current.wrong"));
        }
        Operator operator = active(login).orElseThrow(() -> new IllegalArgumentException("no active operator"));
        change(operator, true, "password changed", login, () -> keyring.put(login, password, key));
        return List.of();
    }

    public void liftLock(String login, String by) {
        Operator operator = active(login).orElseThrow(() -> new IllegalArgumentException("no active operator"));
        change(operator, true, "lock lifted", by, () -> keyring.liftLock(login));
    }

    /** Disables an account: its password no longer opens the data. An administrator cannot disable himself. */
    public void disable(String login, String by) {
        if (login.equals(by)) {
            throw new IllegalArgumentException("an administrator cannot disable his own account");
        }
        Operator operator = active(login).orElseThrow(() -> new IllegalArgumentException("no active operator"));
        change(operator, false, "disabled", by, () -> keyring.remove(login));
    }

    private void change(Operator operator, boolean active, String event, String by, Runnable keyringChange) {
        Instant at = clock.instant();
        database.jdbi().useTransaction(handle -> {
            int revision = handle.createQuery("SELECT revision FROM operator WHERE login = ?")
                    .bind(0, operator.login()).mapTo(Integer.class).one() + 1;
            handle.createUpdate("""
                    UPDATE operator SET active = :active, revision = :revision, updated_at = :at, updated_by = :by
                    WHERE login = :login""")
                    .bind("active", active).bind("revision", revision).bind("at", at.toString()).bind("by", by)
                    .bind("login", operator.login()).execute();
            AuditLog.appendText(handle, "operator", operator.login(), revision, active ? "change" : "cancel",
                    describe(operator, active, event), by, at);
            keyringChange.run();
        });
    }

    private static String describe(Operator operator, boolean active, String event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("login", operator.login());
        row.put("name", operator.name());
        row.put("role", operator.role().code());
        row.put("active", active);
        row.put("event", event);
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
