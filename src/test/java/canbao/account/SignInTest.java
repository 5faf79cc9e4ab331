package canbao.account;

import canbao.store.Database;
import canbao.store.TestClock;
import canbao.store.WorkplaceSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Operator;
import canbao.model.Problem;
import canbao.model.Role;
import canbao.model.Validated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInTest {

    private static final char[] ADMIN_PASSWORD = "xingyi-2026".toCharArray();

    @TempDir
    Path folder;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T01:30:00Z"), java.time.ZoneId.of("Asia/Shanghai"));

    private Session setUp() {
        Validated<Session> made = new SignIn(folder, clock).setUp("兴义镇", "500230", "wangfang", "王芳",
                ADMIN_PASSWORD, ADMIN_PASSWORD);
        assertTrue(made.isValid(), () -> made.problems().toString());
        return made.value();
    }

    @Test
    void firstRunMakesTheAdministratorWhoseOwnPasswordOpensTheDataAgain() {
        SignIn signIn = new SignIn(folder, clock);
        assertTrue(signIn.firstRun());
        try (Session first = setUp()) {
            assertEquals(new Operator("wangfang", "王芳", Role.ADMIN), first.operator());
        }
        assertFalse(signIn.firstRun());
        SignIn.Outcome outcome = signIn.signIn("wangfang", ADMIN_PASSWORD);
        try (Session session = assertInstanceOf(SignIn.Outcome.SignedIn.class, outcome).session()) {
            assertEquals(Role.ADMIN, session.operator().role());
            assertEquals("兴义镇", new WorkplaceSettings(session.database()).load().orElseThrow().township());
        }
        String keyring = read(folder.resolve(Keyring.FILE_NAME));
        assertFalse(keyring.contains("xingyi-2026"), "the password is never written");
    }

    @Test
    void firstRunNamesEveryFieldThatIsWrongAndMakesNothing() {
        Validated<Session> made = new SignIn(folder, clock).setUp(" ", "5002", "王", "", "short".toCharArray(),
                "short".toCharArray());
        assertEquals(List.of("township", "county", "login", "name", "password"),
                made.problems().stream().map(Problem::field).toList());
        assertFalse(Files.exists(folder.resolve(Keyring.FILE_NAME)));
        assertFalse(Files.exists(folder.resolve(Database.FILE_NAME)));
        Validated<Session> mismatch = new SignIn(folder, clock).setUp("兴义镇", "500230", "wangfang", "王芳",
                ADMIN_PASSWORD, "xingyi-2025".toCharArray());
        assertEquals(List.of(Problem.of("repeated", "account.password.mismatch")), mismatch.problems());
    }

    @Test
    void aFirstRunThatFailsHalfwayLeavesNoKeyringBehind() throws Exception {
        // SQLite cannot make its WAL file where a folder of that name stands: the open fails after the
        // keyring was made
        Files.createDirectories(folder.resolve(Database.FILE_NAME + "-wal"));
        assertThrows(RuntimeException.class, () -> new SignIn(folder, clock).setUp("兴义镇", "500230", "wangfang",
                "王芳", ADMIN_PASSWORD, ADMIN_PASSWORD));
        assertFalse(Files.exists(folder.resolve(Keyring.FILE_NAME)));
        assertTrue(new SignIn(folder, clock).firstRun(), "the first run can be done again");
    }

    @Test
    void wrongPasswordAndUnknownLoginAreRefusedAlikeWithTheTriesLeft() {
        setUp().close();
        SignIn signIn = new SignIn(folder, clock);
        assertEquals(new SignIn.Outcome.Refused(4), signIn.signIn("wangfang", "xingyi-2025".toCharArray()));
        assertEquals(new SignIn.Outcome.Refused(3), signIn.signIn("wangfang", "XINGYI-2026".toCharArray()));
        // an unknown login counts down like a known one (issue 13: it used to say 5 left for ever)
        assertEquals(new SignIn.Outcome.Refused(4), signIn.signIn("lisi", ADMIN_PASSWORD));
        // the right password clears the count
        ((SignIn.Outcome.SignedIn) signIn.signIn("wangfang", ADMIN_PASSWORD)).session().close();
        assertEquals(new SignIn.Outcome.Refused(4), signIn.signIn("wangfang", "wrong-password".toCharArray()));
    }

    /** Issue 13: an unknown login reads exactly as a known one with wrong passwords: 4, 3, 2, 1, locked. */
    @Test
    void anUnknownLoginCountsDownAndLocksLikeAKnownOne() throws Exception {
        setUp().close();
        SignIn signIn = new SignIn(folder, clock);
        List<SignIn.Outcome> unknown = new java.util.ArrayList<>();
        List<SignIn.Outcome> known = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            unknown.add(signIn.signIn("nobody-here", "guess-000".toCharArray()));
            known.add(signIn.signIn("wangfang", "guess-000".toCharArray()));
        }

        assertEquals(known, unknown);
        assertEquals(new SignIn.Outcome.Locked(clock.instant().plus(Keyring.LOCKOUT)), unknown.get(5));
        String file = java.nio.file.Files.readString(folder.resolve(Keyring.FILE_NAME));
        assertFalse(file.contains("nobody-here"), "the login tried is not kept, only its hash");
    }

    /** Issue 16: putting back a copy of keyring.json from before the tries, or editing its count, does not reset them. */
    @Test
    void restoringOrEditingTheKeyringDoesNotResetTheTriesCounted() throws Exception {
        setUp().close();
        Path keyring = folder.resolve(Keyring.FILE_NAME);
        byte[] beforeTries = Files.readAllBytes(keyring);
        SignIn signIn = new SignIn(folder, clock);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(new SignIn.Outcome.Refused(5 - attempt), signIn.signIn("wangfang", "guess-000".toCharArray()));
        }
        Files.write(keyring, beforeTries);
        assertEquals(new SignIn.Outcome.Refused(1), signIn.signIn("wangfang", "guess-000".toCharArray()),
                "the fourth try is counted as the fourth");
        Files.writeString(keyring, read(keyring).replaceAll("\"failedAttempts\"\\s*:\\s*4", "\"failedAttempts\" : 0"));
        Instant until = clock.instant().plus(Keyring.LOCKOUT);
        assertEquals(new SignIn.Outcome.Locked(until), signIn.signIn("wangfang", "guess-000".toCharArray()));

        Files.write(keyring, beforeTries);
        assertEquals(new SignIn.Outcome.Locked(until), new SignIn(folder, clock).signIn("wangfang", ADMIN_PASSWORD),
                "a keyring from before the lock does not lift it");
        clock.advance(Keyring.LOCKOUT);
        assertInstanceOf(SignIn.Outcome.SignedIn.class, signIn.signIn("wangfang", ADMIN_PASSWORD)).session().close();
        assertEquals(new SignIn.Outcome.Refused(4), signIn.signIn("wangfang", "guess-000".toCharArray()),
                "the right password cleared both counts");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutesEvenAgainstTheRightOne() {
        setUp().close();
        SignIn signIn = new SignIn(folder, clock);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertEquals(new SignIn.Outcome.Refused(5 - attempt), signIn.signIn("wangfang", "guess-000".toCharArray()));
        }
        Instant until = clock.instant().plus(Keyring.LOCKOUT);
        assertEquals(new SignIn.Outcome.Locked(until), signIn.signIn("wangfang", "guess-000".toCharArray()));
        assertEquals(new SignIn.Outcome.Locked(until), signIn.signIn("wangfang", ADMIN_PASSWORD));

        clock.advance(Duration.ofMinutes(14));
        assertEquals(new SignIn.Outcome.Locked(until), new SignIn(folder, clock).signIn("wangfang", ADMIN_PASSWORD),
                "the lock survives a restart of the program");
        clock.advance(Duration.ofMinutes(1));
        SignIn.Outcome after = signIn.signIn("wangfang", ADMIN_PASSWORD);
        assertInstanceOf(SignIn.Outcome.SignedIn.class, after);
        ((SignIn.Outcome.SignedIn) after).session().close();
    }

    @Test
    void administratorAddsAClerkWhoSignsInWithHerOwnPasswordAndIsRecordedAsTheOperator() {
        char[] clerkPassword = "liming-counter".toCharArray();
        try (Session admin = setUp()) {
            Accounts accounts = admin.accounts(clock);
            assertTrue(accounts.add("liming", "李明", Role.CLERK, clerkPassword, clerkPassword, "wangfang").isValid());
            assertEquals(List.of(Problem.of("login", "account.login.taken")),
                    accounts.add("liming", "李明", Role.CADRE, clerkPassword, clerkPassword, "wangfang").problems());
        }
        SignIn.Outcome outcome = new SignIn(folder, clock).signIn("liming", clerkPassword);
        try (Session clerk = assertInstanceOf(SignIn.Outcome.SignedIn.class, outcome).session()) {
            assertEquals(new Operator("liming", "李明", Role.CLERK), clerk.operator());
            List<String> who = clerk.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT operator || ':' || entity || ':' || entity_id FROM audit_log ORDER BY seq").mapTo(String.class)
                    .list());
            assertEquals(List.of("wangfang:operator:wangfang", "wangfang:operator:liming"), who);
        }
    }

    @Test
    void administratorLiftsALockResetsAPasswordAndDisablesAnAccount() {
        char[] first = "cadre-password-1".toCharArray();
        char[] second = "cadre-password-2".toCharArray();
        try (Session admin = setUp()) {
            admin.accounts(clock).add("zhaoqiang", "赵强", Role.CADRE, first, first, "wangfang");
        }
        SignIn signIn = new SignIn(folder, clock);
        for (int attempt = 0; attempt < Keyring.MAX_ATTEMPTS; attempt++) {
            signIn.signIn("zhaoqiang", "not-his-password".toCharArray());
        }
        assertInstanceOf(SignIn.Outcome.Locked.class, signIn.signIn("zhaoqiang", first));
        try (Session admin = ((SignIn.Outcome.SignedIn) signIn.signIn("wangfang", ADMIN_PASSWORD)).session()) {
            Accounts accounts = admin.accounts(clock);
            assertTrue(accounts.list().stream().filter(a -> a.operator().login().equals("zhaoqiang")).findFirst()
                    .orElseThrow().lockedUntil().isPresent());
            accounts.liftLock("zhaoqiang", "wangfang");
            assertEquals(List.of(Problem.of("password", "account.password.short", 8)),
                    accounts.resetPassword("zhaoqiang", "short".toCharArray(), "short".toCharArray(), "wangfang"));
            assertEquals(List.of(), accounts.resetPassword("zhaoqiang", second, second, "wangfang"));
        }
        assertEquals(new SignIn.Outcome.Refused(4), signIn.signIn("zhaoqiang", first), "the old password is gone");
        SignIn.Outcome withNew = signIn.signIn("zhaoqiang", second);
        assertInstanceOf(SignIn.Outcome.SignedIn.class, withNew);
        ((SignIn.Outcome.SignedIn) withNew).session().close();

        try (Session admin = ((SignIn.Outcome.SignedIn) signIn.signIn("wangfang", ADMIN_PASSWORD)).session()) {
            admin.accounts(clock).disable("zhaoqiang", "wangfang");
            assertThrows(IllegalArgumentException.class, () -> admin.accounts(clock).disable("wangfang", "wangfang"));
            assertFalse(admin.accounts(clock).list().stream()
                    .filter(a -> a.operator().login().equals("zhaoqiang")).findFirst().orElseThrow().active());
        }
        // gone: its login now reads as an unknown one, whose first try counts like any first wrong try
        assertEquals(new SignIn.Outcome.Refused(4), signIn.signIn("zhaoqiang", second), "a disabled account is gone");
    }

    @Test
    void anOperatorChangesHisOwnPasswordOnlyWithTheCurrentOne() {
        char[] changed = "xingyi-2027".toCharArray();
        try (Session admin = setUp()) {
            Accounts accounts = admin.accounts(clock);
            assertEquals(List.of(Problem.of("current", "account.current.wrong")),
                    accounts.changeOwnPassword("wangfang", "not-the-one".toCharArray(), changed, changed));
            assertEquals(List.of(Problem.of("repeated", "account.password.mismatch")),
                    accounts.changeOwnPassword("wangfang", ADMIN_PASSWORD, changed, "xingyi-2028".toCharArray()));
            assertEquals(List.of(), accounts.changeOwnPassword("wangfang", ADMIN_PASSWORD, changed, changed));
        }
        SignIn signIn = new SignIn(folder, clock);
        assertInstanceOf(SignIn.Outcome.Refused.class, signIn.signIn("wangfang", ADMIN_PASSWORD));
        SignIn.Outcome outcome = signIn.signIn("wangfang", changed);
        try (Session session = assertInstanceOf(SignIn.Outcome.SignedIn.class, outcome).session()) {
            assertEquals("wangfang", session.operator().login());
        }
    }

    @Test
    void aKeyringSlotCopiedUnderAnotherLoginDoesNotOpen() throws Exception {
        char[] cadre = "cadre-password-1".toCharArray();
        try (Session admin = setUp()) {
            admin.accounts(clock).add("zhaoqiang", "赵强", Role.CADRE, cadre, cadre, "wangfang");
        }
        Path file = folder.resolve(Keyring.FILE_NAME);
        // the cadre edits the file so that his slot claims to be the administrator's
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        var slots = (com.fasterxml.jackson.databind.node.ArrayNode) json.get("slots");
        var admin = (com.fasterxml.jackson.databind.node.ObjectNode) slots.get(0);
        var his = (com.fasterxml.jackson.databind.node.ObjectNode) slots.get(1);
        for (String field : List.of("salt", "iterations", "nonce", "wrappedKey")) {
            admin.set(field, his.get(field));
        }
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(file.toFile(), json);
        assertEquals(new SignIn.Outcome.Refused(4), new SignIn(folder, clock).signIn("wangfang", cadre));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
