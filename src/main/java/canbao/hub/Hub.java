package canbao.hub;

import canbao.model.Unreported;
import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.PersonKey;
import canbao.model.Money;
import canbao.model.Sha256;
import canbao.model.Tier;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.QuoteEngine;
import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncCodec;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import canbao.sync.UploadRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The county hub's store and rules for uploads (HTTP is {@link HubServer}'s business). The client's
 * UUID and revision are the idempotency key: the same record twice is accepted once; the same key
 * with other content is a conflict the hub names. A re-sent batch gets the answer it got before, and
 * only its sender gets it.
 *
 * <p>A peer is trusted only for what it owns. A device's token speaks for one township (bound when the
 * token is issued, or by the device's first batch); a record belongs to the device and township that
 * first uploaded it, and another device's revision of it is refused ({@code NOT_OWNER}). Every record
 * is read with the counter's own rules ({@link RecordCheck}); a record that cannot be read or checked
 * is refused alone ({@code MALFORMED}) and leaves no trace, whatever went wrong.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    private static final Set<String> ENTITIES = Set.of("household", "person", "person_category", "enrollment",
            "person_mark");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // {"tier":1,"tier":7} says two things: refused rather than read as the last
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Longest device or township name (the columns hold 100). */
    public static final int MAX_NAME_LENGTH = 50;
    /** Longest batch id (the column width; counters send UUIDs). */
    public static final int MAX_BATCH_ID_LENGTH = 36;

    /**
     * A batch refused whole, with the HTTP status that says why (400 malformed, 403 a township the
     * device's token does not speak for, 409 a batch id another device used) and a Chinese message.
     */
    public static final class Refusal extends RuntimeException {
        private final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final byte[] signingKey;
    private final Clock clock;
    private final PolicyShelf shelf;
    private final PolicyLibrary policies;
    private final QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
    private final Locale locale = Localization.CHINESE;
    private final RecordCheck check;
    /**
     * Whether the database is PostgreSQL, where several hub processes may take batches at once: the
     * checks of one person's enrolments then take a transaction-scoped advisory lock on the person's
     * identity. SQLite has one writer at a time (transactions are IMMEDIATE), which serialises them.
     */
    private final boolean postgres;
    /**
     * How many threads read a batch's records and recompute its enrolments' quotes before its
     * transaction: the cores, unless {@code canbao.hub.parallelism} says otherwise. 1: all of it on the
     * thread that received the batch.
     */
    private final int parallelism;
    /** This hub's own threads for that work (not the common pool), made with the hub and shut down on close. */
    private final java.util.concurrent.ForkJoinPool workers;

    /** Connections for the look-ahead's reads, apart from the transactions' ({@link #quotesAhead}). */
    private final HikariDataSource readers;
    private final Jdbi lookAhead;

    private Hub(HikariDataSource dataSource, Jdbi jdbi, byte[] signingKey, Clock clock, PolicyShelf shelf,
                boolean postgres, int parallelism, HikariDataSource readers, Jdbi lookAhead) {
        this.postgres = postgres;
        this.readers = readers;
        this.lookAhead = lookAhead;
        this.parallelism = Math.max(1, parallelism);
        this.workers = this.parallelism == 1 ? null : new java.util.concurrent.ForkJoinPool(this.parallelism,
                pool -> {
                    var thread = java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    thread.setName("hub-worker-" + thread.getPoolIndex());
                    thread.setDaemon(true);
                    return thread;
                }, null, false);
        this.shelf = shelf;
        this.policies = shelf.library();
        this.check = new RecordCheck(policies, clock, locale);
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.signingKey = signingKey;
        this.clock = clock;
    }

    /** Opens (creating and migrating) the hub database at a JDBC URL, with the built-in policy tables. */
    public static Hub open(String jdbcUrl, Clock clock) {
        return open(jdbcUrl, clock, PolicyShelf.load(null));
    }

    /**
     * Opens the hub database; {@code shelf} holds the tables it checks quotes with and serves to counters.
     * A SQLite file's signing key is kept beside it ({@code hub.db.key}); another database keeps it in
     * the database unless a key file is given ({@link #open(String, String, Clock, PolicyShelf, Path)}).
     */
    public static Hub open(String jdbcUrl, Clock clock, PolicyShelf shelf) {
        return open(jdbcUrl, null, clock, shelf, null);
    }

    /**
     * Opens the hub database with a password given apart from its URL (never on a command line) and the
     * signing key in {@code keyFile} (0600): made there on the first start, or moved there out of the
     * database where an older release kept it. Null {@code keyFile}: beside a SQLite file, else in the
     * database as before.
     */
    public static Hub open(String jdbcUrl, String password, Clock clock, PolicyShelf shelf, java.nio.file.Path keyFile) {
        return open(jdbcUrl, password, clock, shelf, keyFile,
                Integer.getInteger("canbao.hub.parallelism", Runtime.getRuntime().availableProcessors()));
    }

    /** As {@link #open(String, String, Clock, PolicyShelf, Path)}, with {@code parallelism} threads for a batch's records. */
    static Hub open(String jdbcUrl, String password, Clock clock, PolicyShelf shelf, java.nio.file.Path keyFile,
                    int parallelism) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        if (password != null) {
            pool.setPassword(password);
        }
        java.nio.file.Path signingKeyFile = keyFile;
        // PostgreSQL: batches of several replicas wait on each other's row and advisory locks, not on the pool
        pool.setMaximumPoolSize(jdbcUrl.startsWith("jdbc:postgresql:") ? 8 : 4);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // every statement planned for the tables as they are now: a plan cached while a table was small
            // (a new county's first minutes) would go on reading the whole table once it is large
            pool.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            // the hub's file holds every uploaded record and its signing key: the county's operator's alone
            String path = jdbcUrl.substring("jdbc:sqlite:".length()).split("\\?", 2)[0];
            if (!path.isEmpty() && !path.startsWith(":memory:") && !path.startsWith("file:")) {
                canbao.store.PrivateFiles.file(java.nio.file.Path.of(path));
                if (signingKeyFile == null) {
                    signingKeyFile = java.nio.file.Path.of(path + ".key");
                }
            }
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            sqlite.setBusyTimeout(30_000);
            // records arrive with random UUID keys: their index pages are touched all over the file
            sqlite.setCacheSize(-65_536);
            // a transaction that reads then writes must hold the write lock from its start: a deferred one
            // fails at once (SQLITE_BUSY_SNAPSHOT) when another connection wrote meanwhile
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            pool.setDataSourceProperties(sqlite.toProperties());
        }
        HikariDataSource dataSource = new HikariDataSource(pool);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/hub")
                .javaMigrations(new V22__HouseholdVillage(), new V32__MarkProjection()).load().migrate();
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.setStatementBuilderFactory(ReusingStatementBuilder.FACTORY);
        java.nio.file.Path keyPath = signingKeyFile;
        byte[] key;
        try {
            key = jdbi.inTransaction(handle -> {
                Optional<String> stored = handle.createQuery(
                        "SELECT value FROM hub_setting WHERE name = 'signingKey'").mapTo(String.class).findOne();
                if (keyPath == null) {
                    if (stored.isPresent()) {
                        return Base64.getDecoder().decode(stored.get());
                    }
                    byte[] made = new byte[32];
                    RANDOM.nextBytes(made);
                    // two replicas starting at once on a new database: the first key stored is everyone's
                    handle.execute("INSERT INTO hub_setting (name, value) VALUES ('signingKey', ?) ON CONFLICT (name) DO NOTHING",
                            Base64.getEncoder().encodeToString(made));
                    return Base64.getDecoder().decode(handle.createQuery(
                            "SELECT value FROM hub_setting WHERE name = 'signingKey'").mapTo(String.class).one());
                }
                byte[] held = SigningKeyFile.read(keyPath);
                if (held != null && stored.isPresent()
                        && !java.util.Arrays.equals(held, Base64.getDecoder().decode(stored.get()))) {
                    throw new IllegalStateException(Localization.format(Localization.CHINESE, "hub.keyMismatch",
                            keyPath));
                }
                if (held == null) {
                    // the first start, or an older release's key moved out of the database
                    held = stored.map(Base64.getDecoder()::decode).orElseGet(() -> {
                        byte[] made = new byte[32];
                        RANDOM.nextBytes(made);
                        return made;
                    });
                    SigningKeyFile.write(keyPath, held);
                }
                handle.execute("DELETE FROM hub_setting WHERE name = 'signingKey'");
                return held;
            });
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        // the look-ahead's reads (quotes computed before a batch's transaction) on connections of their
        // own: behind the transactions in the main pool they would wait for the one writer (SQLite)
        HikariConfig readerPool = new HikariConfig();
        pool.copyStateTo(readerPool);
        readerPool.setPoolName(pool.getPoolName() + "-look-ahead");
        readerPool.setMaximumPoolSize(Math.max(2, Math.min(4, parallelism)));
        readerPool.setMinimumIdle(0);
        HikariDataSource readers = new HikariDataSource(readerPool);
        Jdbi lookAhead = Jdbi.create(readers);
        lookAhead.setStatementBuilderFactory(ReusingStatementBuilder.FACTORY);
        return new Hub(dataSource, jdbi, key, clock, shelf, postgres, parallelism, readers, lookAhead);
    }

    /** The policy tables this hub serves and checks with. */
    public PolicyShelf policies() {
        return shelf;
    }

    /**
     * Registers a device for one township and returns its token (shown once; only its hash is kept). A
     * new token for a known device replaces its old one and binds it to this township; the records it
     * uploaded stay its old township's.
     *
     * @throws IllegalArgumentException when a name is not plain text of at most {@link #MAX_NAME_LENGTH}
     */
    public String registerDevice(String name, String township) {
        requirePlainName(name);
        requirePlainName(township);
        String token = newToken();
        jdbi.useHandle(handle -> handle.execute(
                "INSERT INTO device (name, token_hash, created_at, township) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, township = excluded.township, "
                        + "revoked_at = NULL",
                name, Sha256.hex(token), clock.instant().toString(), township));
        return token;
    }

    /**
     * Registers a device without naming its township (tests and benchmarks; {@code hub token} always
     * names one): the device's first batch binds it to that batch's township, and from then on it is
     * as if issued with it. A new token for a known device keeps the device's township.
     */
    public String registerDevice(String name) {
        requirePlainName(name);
        String token = newToken();
        jdbi.useHandle(handle -> handle.execute(
                "INSERT INTO device (name, token_hash, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, revoked_at = NULL",
                name, Sha256.hex(token), clock.instant().toString()));
        return token;
    }

    private static String newToken() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private void requirePlainName(String name) {
        if (!isPlainName(name)) {
            throw new IllegalArgumentException(Localization.format(locale, "hub.name.invalid", MAX_NAME_LENGTH));
        }
    }

    /**
     * A device or township name the hub takes: 1 to {@link #MAX_NAME_LENGTH} characters, no surrounding
     * spaces, no control, format or unassigned characters, no '<' or '>' (the names reach reports and
     * the county's screens).
     */
    static boolean isPlainName(String name) {
        if (name == null || name.isBlank() || !name.equals(name.strip())
                || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return false;
        }
        return name.codePoints().allMatch(c -> c != '<' && c != '>' && switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> true;
        });
    }

    /**
     * The township a device's token speaks for: empty when the device is unknown or not bound yet, ""
     * when the hub could not tell (records of several townships before tokens named one).
     */
    public Optional<String> townshipOf(String device) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT township FROM device WHERE name = ?")
                .bind(0, device).mapTo(String.class).findOne());
    }

    /** The device a bearer token belongs to, if any and not revoked. */
    public Optional<String> deviceFor(String token) {
        return caller(token).filter(c -> c.kind() == Caller.Kind.DEVICE && !c.revoked()).map(Caller::name);
    }

    /**
     * Who presents a bearer token: a device or a county operator, by name, and whether the token was
     * revoked (kept so the holder can be told to ask the county for a new one). Empty for a token the
     * hub never issued (or one replaced by a newer token).
     */
    public record Caller(Kind kind, String name, boolean revoked) {
        public enum Kind { DEVICE, OPERATOR }
    }

    /** Whom a bearer token belongs to; only the token's SHA-256 is ever looked up or stored. */
    public Optional<Caller> caller(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = Sha256.hex(token);
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT 'DEVICE' AS kind, name, revoked_at FROM device WHERE token_hash = :hash
                UNION ALL
                SELECT 'OPERATOR' AS kind, name, revoked_at FROM hub_operator WHERE token_hash = :hash""")
                .bind("hash", hash)
                .map((rs, ctx) -> new Caller(Caller.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                        rs.getString("revoked_at") != null))
                .findFirst());
    }

    /**
     * Revokes a device's token: from now on it gets 401 and is told to ask the county for a new token
     * ({@link #registerDevice(String, String)} issues one). Its records stay as they are.
     *
     * @return false when there is no such device (nothing changed)
     */
    public boolean revokeDevice(String name) {
        return revoke("device", name);
    }

    /**
     * A county operator's token (statistics; uploads nothing), shown once: only its hash is kept. A new
     * token for a known operator replaces the old one.
     */
    public String registerOperator(String name) {
        requirePlainName(name);
        String token = newToken();
        jdbi.useHandle(handle -> handle.execute(
                "INSERT INTO hub_operator (name, token_hash, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, revoked_at = NULL",
                name, Sha256.hex(token), clock.instant().toString()));
        return token;
    }

    /** Revokes a county operator's token; false when there is no such operator. */
    public boolean revokeOperator(String name) {
        return revoke("hub_operator", name);
    }

    private boolean revoke(String table, String name) {
        String at = clock.instant().toString();
        boolean revoked = jdbi.withHandle(handle -> handle.execute("UPDATE " + table
                + " SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", at, name)) > 0;
        boolean known = revoked || jdbi.withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM " + table + " WHERE name = ?").bind(0, name).mapTo(Integer.class).one()) > 0;
        if (revoked) {
            LOG.info("the token of {} {} was revoked", table.equals("device") ? "device" : "operator", name);
        }
        return known;
    }

    /**
     * One answer per record, in order; the whole batch is stored with its answer in one transaction.
     * {@code device} is the name the batch's token belongs to. The batch must name the township that
     * device's token speaks for (an unbound device is bound to it now); a device the hub has no row for
     * (in-process callers only: HTTP requires a token) speaks for the township its batch names.
     *
     * @throws Refusal when the batch is refused whole: a protocol version this hub does not know (400), a
     *                 malformed batch id or township name (400), a
     *                 township that is not the device's (403), a batch id another device used (409)
     */
    public BatchAnswer receive(String device, UploadBatch batch) {
        if (batch.protocolVersion() > SyncCodec.PROTOCOL_VERSION || batch.protocolVersion() < 1) {
            // a counter newer than its hub: nothing of the batch can be trusted to mean what this hub reads
            throw new Refusal(400, Localization.format(locale, "hub.protocol.unknown", batch.protocolVersion(),
                    SyncCodec.PROTOCOL_VERSION));
        }
        if (!isPlainName(batch.township())) {
            throw new Refusal(400, Localization.format(locale, "hub.township.invalid", MAX_NAME_LENGTH));
        }
        String batchId = batch.batchId();
        if (batchId == null || batchId.isBlank() || batchId.length() > MAX_BATCH_ID_LENGTH
                || batchId.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal(400, Localization.format(locale, "hub.batchId.invalid", MAX_BATCH_ID_LENGTH));
        }
        for (int attempt = 1; ; attempt++) {
            inFlight.incrementAndGet();
            try {
                return receiveInTransaction(device, batch);
            } catch (JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (!isTransient(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                // another batch held what this one needed (PostgreSQL chose this one as a deadlock's
                // victim): nothing of it was kept; the same batch again, after a short random pause
                LOG.info("batch from device {} met a concurrent batch; attempt {} of {}", device, attempt + 1,
                        MAX_ATTEMPTS);
                try {
                    Thread.sleep(RANDOM.nextInt(10, 50) * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** How often a batch is tried when the database gives it up for a concurrent one. */
    private static final int MAX_ATTEMPTS = 8;

    /** A serialization failure or deadlock (SQLSTATE class 40): the transaction may simply be run again. */
    static boolean isTransient(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** The device's bound township, binding an unbound device to the batch's; refuses another township. */
    private void requireOwnTownship(Handle handle, String device, String township) {
        Optional<Optional<String>> row = handle.createQuery("SELECT township FROM device WHERE name = ?")
                .bind(0, device).map((rs, ctx) -> Optional.ofNullable(rs.getString("township"))).findOne();
        if (row.isEmpty()) {
            return;
        }
        Optional<String> bound = row.get();
        if (bound.isEmpty()) {
            if (handle.execute("UPDATE device SET township = ? WHERE name = ? AND township IS NULL", township,
                    device) == 0) {
                // another replica bound it meanwhile, maybe to another township: as that one says
                requireOwnTownship(handle, device, township);
                return;
            }
            LOG.info("device {} is bound to township {} by its first batch", device, township);
        } else if (bound.get().isEmpty()) {
            throw new Refusal(403, Localization.format(locale, "hub.township.unbound", device));
        } else if (!bound.get().equals(township)) {
            throw new Refusal(403, Localization.format(locale, "hub.township.foreign", device, bound.get(), township));
        }
    }

    /** What the per-batch log line counts. */
    private static final class Tally {
        int accepted;
        int duplicate;
        int conflict;
        int rejected;
        boolean resent;
    }

    /**
     * A record as read before its batch's transaction: its canonical JSON and hash, or why it is not
     * readable; and whether it passes {@link RecordCheck}. Pure work on the record alone, done outside
     * the transaction (and in parallel for a large batch) so the database's locks are held for less;
     * the answers use them at the same points as before, in the same order. {@code failure}: something
     * unforeseen, thrown again where the record is answered (MALFORMED, logged).
     */
    private record Prepared(String canonical, String hash, UploadRecord payload, RecordCheck.Malformed notCanonical,
                            RecordCheck.Malformed notChecked, RuntimeException failure) {
    }

    private List<Prepared> prepare(UploadBatch batch) {
        Prepared[] prepared = new Prepared[batch.records().size()];
        java.util.function.IntConsumer one = i -> prepared[i] = prepare(batch.records().get(i));
        if (prepared.length < 64 || !onWorkers(() -> java.util.stream.IntStream.range(0, prepared.length).parallel()
                .forEach(one))) {
            java.util.stream.IntStream.range(0, prepared.length).forEach(one);
        }
        return java.util.Arrays.asList(prepared);
    }

    /**
     * Runs {@code work} (a parallel stream: started inside the hub's pool, it runs on that pool, never
     * on the common one) and waits for it; false when there is no pool (parallelism 1) or it no longer
     * takes work (the hub is closing), and the caller does the work itself.
     */
    private boolean onWorkers(Runnable work) {
        if (workers == null) {
            return false;
        }
        try {
            workers.submit(work).join();
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            return false;
        }
    }

    private Prepared prepare(SyncRecord record) {
        try {
            String canonical;
            try {
                canonical = canonical(record);
            } catch (RecordCheck.Malformed malformed) {
                return new Prepared(null, null, null, malformed, null, null);
            }
            UploadRecord payload = null;
            RecordCheck.Malformed notChecked = null;
            try {
                payload = check.read(record, readTree(canonical));
            } catch (RecordCheck.Malformed malformed) {
                notChecked = malformed;
            }
            return new Prepared(canonical, Sha256.hex(canonical), payload, null, notChecked, null);
        } catch (RuntimeException unforeseen) {
            return new Prepared(null, null, null, null, null, unforeseen);
        }
    }

    /**
     * All that a live enrolment's re-checked quote depends on: the engine's answer is a function of
     * these alone (no clock, no shared state), so a quote computed ahead for an equal input is the one
     * the check would compute. The table compares by identity (the library's one instance per year).
     */
    private record QuoteInput(PolicyTable table, PersonFacts facts, java.time.LocalDate paymentDate,
                              boolean withGuardian) {
        @Override
        public boolean equals(Object other) {
            return other instanceof QuoteInput that && table == that.table && withGuardian == that.withGuardian
                    && facts.equals(that.facts) && java.util.Objects.equals(paymentDate, that.paymentDate);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(System.identityHashCode(table), facts, paymentDate, withGuardian);
        }
    }

    /** Where the quote check takes the engine's answer for an input; null: do not check (the look-ahead). */
    @FunctionalInterface
    private interface Quotes {
        MemberQuote quote(QuoteInput input);
    }

    private MemberQuote quote(QuoteInput input) {
        return input.withGuardian() ? engine.quoteWithGuardian(input.table(), input.facts())
                : engine.quote(input.table(), input.facts(), input.paymentDate());
    }

    /** Whether batches' quotes are computed ahead of their transaction (tests compare with computing them in it). */
    private volatile boolean quotesAhead = true;

    void quotesAhead(boolean on) {
        quotesAhead = on;
    }

    /** Batches this hub is answering now. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** Quotes computed ahead and in the transaction, since the hub opened (tests: the look-ahead is used). */
    private final java.util.concurrent.atomic.AtomicLong quotedAhead = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong quotedInTransaction = new java.util.concurrent.atomic.AtomicLong();

    /** A setting of the database sessions the hub's pool hands out (tests: {@code plan_cache_mode}). */
    String sessionSetting(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT current_setting(?)").bind(0, name)
                .mapTo(String.class).one());
    }

    long[] quoteCounts() {
        return new long[] {quotedAhead.get(), quotedInTransaction.get()};
    }

    /**
     * The batch's enrolment quotes, recomputed before its transaction on the hub's threads, so that the
     * transaction holds little more than the writes. What each enrolment will be quoted with depends on
     * the hub's records and on the batch's earlier records, so the batch is first run through the same
     * rules ({@link #receive}) on a {@link BatchSnapshot} read without locks and never written, noting
     * each live enrolment's {@link QuoteInput} and going on as if its figures matched; the distinct
     * inputs are then quoted in parallel. In the transaction each check builds its input afresh from
     * what the locked database holds and takes the quote computed ahead for an equal input, else
     * computes it there (another batch changed the person meanwhile, or an earlier enrolment of the
     * same person was refused): the answers are the same as without the look-ahead, only sooner.
     */
    private Quotes quotesAhead(String device, UploadBatch batch, List<Prepared> prepared) {
        Quotes inTransaction = input -> {
            quotedInTransaction.incrementAndGet();
            return quote(input);
        };
        long live = prepared.stream().filter(p -> p.payload() instanceof UploadRecord.Enrollment enrollment
                && enrollment.live()).count();
        if (!quotesAhead || live < 2 || inFlight.get() > parallelism) {
            // more batches at once than cores: nothing idle to run the quotes on, and the look-ahead's
            // reads and rules would only add work; the transaction computes them, as before
            return inTransaction;
        }
        List<QuoteInput> noted = new ArrayList<>();
        try {
            lookAhead.useHandle(handle -> {
                BatchSnapshot snapshot = BatchSnapshot.load(handle, batch, prepared.stream().map(Prepared::payload).toList());
                IdentityLocks none = new IdentityLocks(null);
                Quotes noting = input -> {
                    noted.add(input);
                    return null;
                };
                // not the clock's (a test's clock may count its readings): after every stored time, as it will be
                String receivedAt = "~";
                for (int i = 0; i < batch.records().size(); i++) {
                    snapshot.begin();
                    RecordResult result;
                    try {
                        result = receive(snapshot, none, noting, device, batch, batch.records().get(i), prepared.get(i),
                                receivedAt);
                    } catch (RuntimeException e) {
                        result = null;
                    }
                    if (result != null && result.status() == RecordResult.Status.ACCEPTED) {
                        snapshot.commit();
                    } else {
                        snapshot.rollback();
                    }
                }
            });
        } catch (RuntimeException | SQLException e) {
            // nothing computed ahead: the transaction computes every quote, as it would anyway
            LOG.info("batch from device {}: quotes not computed ahead ({})", device, e.getClass().getSimpleName());
            return inTransaction;
        }
        List<QuoteInput> inputs = new ArrayList<>(new java.util.LinkedHashSet<>(noted));
        MemberQuote[] computed = new MemberQuote[inputs.size()];
        java.util.function.IntConsumer one = i -> {
            try {
                computed[i] = quote(inputs.get(i));
            } catch (RuntimeException e) {
                // computed again in the transaction, where it fails as that record's MALFORMED
                computed[i] = null;
            }
        };
        if (inputs.size() < 2 || !onWorkers(() -> java.util.stream.IntStream.range(0, inputs.size()).parallel()
                .forEach(one))) {
            java.util.stream.IntStream.range(0, inputs.size()).forEach(one);
        }
        Map<QuoteInput, MemberQuote> ready = new java.util.HashMap<>();
        for (int i = 0; i < computed.length; i++) {
            if (computed[i] != null) {
                ready.put(inputs.get(i), computed[i]);
            }
        }
        quotedAhead.addAndGet(ready.size());
        return input -> {
            MemberQuote quote = ready.get(input);
            return quote != null ? quote : inTransaction.quote(input);
        };
    }

    private BatchAnswer receiveInTransaction(String device, UploadBatch batch) throws JsonProcessingException {
        long start = System.nanoTime();
        List<Prepared> prepared = prepare(batch);
        Quotes quotes = quotesAhead(device, batch, prepared);
        Tally tally = new Tally();
        BatchAnswer answer = jdbi.inTransaction(handle -> {
            requireOwnTownship(handle, device, batch.township());
            String receivedAt = clock.instant().toString();
            // the batch id is claimed first: a replica receiving the same batch at the same time waits here
            // until this transaction ends, then finds the stored answer (or, if this one failed, claims it)
            if (handle.execute("INSERT INTO batch (batch_id, device, answer, received_at) VALUES (?, ?, '', ?) "
                    + "ON CONFLICT (batch_id) DO NOTHING", batch.batchId(), device, receivedAt) == 0) {
                String[] earlier = handle.createQuery("SELECT device, answer FROM batch WHERE batch_id = ?")
                        .bind(0, batch.batchId())
                        .map((rs, ctx) -> new String[] {rs.getString("device"), rs.getString("answer")}).one();
                if (!earlier[0].equals(device)) {
                    // the stored answer is its sender's receipt: another device learns nothing from it
                    throw new Refusal(409, Localization.text(locale, "hub.batchId.taken"));
                }
                tally.resent = true;
                return SyncCodec.readAnswer(earlier[1]);
            }
            IdentityLocks locks = new IdentityLocks(handle);
            locks.lockAll(identitiesOf(handle, prepared));
            List<RecordResult> results = setBased ? inMemory(handle, locks, quotes, device, batch, prepared, receivedAt)
                    : null;
            if (results == null) {
                results = new ArrayList<>();
                HubState state = new DatabaseState(handle);
                for (int i = 0; i < batch.records().size(); i++) {
                    results.add(receiveAlone(handle, state, locks, quotes, device, batch, i, prepared.get(i),
                            receivedAt));
                }
            }
            for (RecordResult result : results) {
                switch (result.status()) {
                    case ACCEPTED -> tally.accepted++;
                    case DUPLICATE -> tally.duplicate++;
                    case CONFLICT -> tally.conflict++;
                    default -> tally.rejected++;
                }
            }
            rememberRefusals(handle, device, batch.township(), results, receivedAt);
            BatchAnswer unsigned = new BatchAnswer(batch.batchId(), receivedAt, results, null);
            BatchAnswer signed = new BatchAnswer(batch.batchId(), receivedAt, results, sign(unsigned.signedText()));
            handle.execute("UPDATE batch SET answer = ? WHERE batch_id = ?", SyncCodec.writeAnswer(signed),
                    batch.batchId());
            return signed;
        });
        // one line per batch: who, how many of what, how long; never a record's id or content
        LOG.info("batch from device {} of {}: {} records{}, {} accepted, {} duplicate, {} conflict, {} rejected, {} ms",
                device, batch.township(), batch.records().size(), tally.resent ? " (resent: the stored answer)" : "",
                tally.accepted, tally.duplicate, tally.conflict, tally.rejected, (System.nanoTime() - start) / 1_000_000);
        return answer;
    }

    /**
     * The records of a batch answered REJECTED or CONFLICT, by key and code (never the payload or the
     * message), for the county's count of records waiting for a fix; a key that cannot be stored (no
     * entity the hub knows, an id out of bounds) is left out.
     */
    private static void rememberRefusals(Handle handle, String device, String township, List<RecordResult> results,
                                         String receivedAt) {
        var insert = handle.prepareBatch("INSERT INTO hub_rejection (entity, id, revision, device, township, code, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity, id, revision, device) "
                + "DO UPDATE SET code = excluded.code, township = excluded.township, received_at = excluded.received_at");
        int refused = 0;
        for (RecordResult result : results) {
            if ((result.status() == RecordResult.Status.REJECTED || result.status() == RecordResult.Status.CONFLICT)
                    && ENTITIES.contains(result.entity()) && result.id() != null && !result.id().isBlank()
                    && result.id().length() <= RecordCheck.MAX_REFERENCE && result.revision() >= 1
                    && result.id().chars().noneMatch(Character::isISOControl)) {
                insert.add(result.entity(), result.id(), result.revision(), device, township,
                        result.code() == null ? result.status().name() : result.code(), receivedAt);
                refused++;
            }
        }
        if (refused > 0) {
            insert.execute();
        }
    }

    /**
     * The identities (ID number, or "cert:" + birth certificate) a batch's persons and enrolments are
     * about: persons' from their payloads, enrolments' from the persons the hub or the batch holds.
     * Records that cannot be read are left out (they are answered MALFORMED later).
     */
    private List<String> identitiesOf(Handle handle, List<Prepared> prepared) {
        if (!postgres) {
            return List.of();
        }
        Set<String> identities = new java.util.HashSet<>();
        Set<String> enrolled = new java.util.HashSet<>();
        for (Prepared record : prepared) {
            if (record.payload() instanceof UploadRecord.Person person) {
                identities.add(person.key());
            } else if (record.payload() instanceof UploadRecord.Enrollment enrollment) {
                enrolled.add(enrollment.person());
            }
        }
        if (!enrolled.isEmpty()) {
            identities.addAll(handle.createQuery("SELECT identity FROM hub_person WHERE id IN (<ids>)")
                    .bindList("ids", new ArrayList<>(enrolled)).mapTo(String.class).list());
        }
        identities.remove(PersonKey.NONE);
        return new ArrayList<>(identities);
    }

    /**
     * Transaction-scoped advisory locks on persons' identities (PostgreSQL; nothing on SQLite, whose one
     * writer serialises): the checks that read a person's enrolments from every device (the duplicate
     * rule, the coverage history of the quote re-check) and the write that follows are then one step
     * for that person, whichever replica runs them. A batch takes its identities' locks up front in
     * one order, so two batches do not wait on each other in a circle; a lock needed later (rare) is
     * taken then, and a deadlock that results is retried whole ({@link #isTransient}).
     */
    private final class IdentityLocks {
        private final Handle handle;
        private final Set<Long> held = new java.util.HashSet<>();

        IdentityLocks(Handle handle) {
            this.handle = handle;
        }

        void lockAll(List<String> identities) {
            if (!postgres || handle == null || identities.isEmpty()) {
                return;
            }
            long[] keys = identities.stream().mapToLong(Hub::lockKey).filter(k -> !held.contains(k))
                    .sorted().distinct().toArray();
            if (keys.length == 0) {
                return;
            }
            // unnest returns the array's order, and the aggregate takes the locks one row after another
            String array = java.util.Arrays.stream(keys).mapToObj(Long::toString)
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            handle.createQuery("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(? AS bigint[])) AS k")
                    .bind(0, array).mapTo(Long.class).one();
            for (long key : keys) {
                held.add(key);
            }
        }

        void lock(String identity) {
            if (!PersonKey.isNone(identity)) {
                lockAll(List.of(identity));
            }
        }
    }

    /** A 64-bit advisory lock key for an identity (a collision only makes two persons wait for each other). */
    private static long lockKey(String identity) {
        try {
            return java.nio.ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether batches are answered set-based ({@link BatchSnapshot}: a handful of statements per batch)
     * rather than record by record (a few statements per record). The same rules and answers either
     * way; record by record stays as the path a batch falls back to.
     */
    private volatile boolean setBased = !Boolean.getBoolean("canbao.hub.recordByRecord");

    /** Answers records one by one from now on (tests compare the two paths). */
    void recordByRecord(boolean on) {
        setBased = !on;
    }

    /**
     * The batch's answers from a {@link BatchSnapshot}: what the records can touch read at once, each
     * record answered in memory in order (a record whose checks throw is answered MALFORMED alone, as on
     * the record-by-record path), the outcome written in a few multi-row statements. Null, with nothing
     * written, when the writes meet what the snapshot did not foresee (a database rule refusing a row,
     * another replica storing the same key meanwhile): the batch then goes record by record.
     */
    private List<RecordResult> inMemory(Handle handle, IdentityLocks locks, Quotes quotes, String device,
                                        UploadBatch batch, List<Prepared> prepared, String receivedAt) {
        Connection connection = handle.getConnection();
        Savepoint before;
        try {
            before = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint", e);
        }
        try {
            BatchSnapshot snapshot = BatchSnapshot.load(handle, batch,
                    prepared.stream().map(Prepared::payload).toList());
            List<RecordResult> results = new ArrayList<>();
            for (int i = 0; i < batch.records().size(); i++) {
                SyncRecord record = batch.records().get(i);
                RecordResult result;
                snapshot.begin();
                try {
                    result = receive(snapshot, locks, quotes, device, batch, record, prepared.get(i), receivedAt);
                } catch (RuntimeException e) {
                    LOG.error("record {} ({}) of the batch received at {} from device {} could not be read or checked; "
                                    + "answered MALFORMED", i + 1, ENTITIES.contains(record.entity()) ? record.entity() : "?",
                            receivedAt, device, Unreported.of(e));
                    result = result(record, RecordResult.Status.REJECTED, "MALFORMED", "hub.rejected.unreadable");
                }
                if (result.status() == RecordResult.Status.ACCEPTED) {
                    snapshot.commit();
                } else {
                    snapshot.rollback();
                }
                results.add(result);
            }
            if (!snapshot.write(handle)) {
                undo(connection, before);
                LOG.info("batch from device {}: a key was stored meanwhile by another batch; answered record by record",
                        device);
                return null;
            }
            connection.releaseSavepoint(before);
            return results;
        } catch (RuntimeException | SQLException e) {
            if (isTransient(e)) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            // the reference path answers it, record by record, each in its savepoint
            undo(connection, before);
            LOG.info("batch from device {}: set-based writing failed ({}); answered record by record", device,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * One record's answer, within a savepoint: a record that is not accepted leaves nothing behind, and
     * whatever goes wrong with it (a value no check foresaw, a database error) is undone, logged with its
     * stack but without its content, and answered as this record's MALFORMED; the batch goes on (on
     * PostgreSQL a failed statement would otherwise abort the whole transaction). A deadlock or
     * serialization failure is not the record's fault: it fails the batch, which is run again.
     */
    private RecordResult receiveAlone(Handle handle, HubState state, IdentityLocks locks, Quotes quotes, String device,
                                      UploadBatch batch, int index, Prepared prepared, String receivedAt) {
        SyncRecord record = batch.records().get(index);
        Connection connection = handle.getConnection();
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint", e);
        }
        try {
            RecordResult result = receive(state, locks, quotes, device, batch, record, prepared, receivedAt);
            if (result.status() == RecordResult.Status.ACCEPTED) {
                connection.releaseSavepoint(savepoint);
            } else {
                undo(connection, savepoint);
            }
            return result;
        } catch (RuntimeException | SQLException e) {
            if (isTransient(e)) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            undo(connection, savepoint);
            if (isUniqueViolation(e) && "enrollment".equals(record.entity())) {
                // the index of live enrolments refused it: another device's enrolment of the person won
                Optional<String> first = prepared.payload() instanceof UploadRecord.Enrollment enrollment
                        ? firstEnrollmentElsewhere(state, record, enrollment) : Optional.empty();
                if (first.isPresent()) {
                    return duplicateEnrollment(record, first.get());
                }
            }
            // no id, payload or message: a record id or a parser's message may carry an ID number or a name
            LOG.error("record {} ({}) of the batch received at {} from device {} could not be read or checked; "
                            + "answered MALFORMED", index + 1, ENTITIES.contains(record.entity()) ? record.entity() : "?",
                    receivedAt, device, Unreported.of(e));
            return result(record, RecordResult.Status.REJECTED, "MALFORMED", "hub.rejected.unreadable");
        }
    }

    /** A unique index or key refused a row (PostgreSQL's 23505, SQLite's UNIQUE or PRIMARY KEY constraint). */
    private static boolean isUniqueViolation(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("23505".equals(sql.getSQLState())
                    || sql.getErrorCode() == 2067 || sql.getErrorCode() == 1555)) {
                return true;
            }
        }
        return false;
    }

    /** Back to before the record; if even that fails the batch cannot be trusted: it fails whole (500, resent). */
    private static void undo(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back to a savepoint", e);
        }
    }

    private RecordResult receive(HubState state, IdentityLocks locks, Quotes quotes, String device, UploadBatch batch,
                                 SyncRecord record, Prepared prepared, String receivedAt) {
        if (prepared.failure() != null) {
            throw prepared.failure();
        }
        if (prepared.notCanonical() != null) {
            return malformed(record, prepared.notCanonical());
        }
        String canonical = prepared.canonical();
        String hash = prepared.hash();
        Optional<RecordResult> held = heldAlready(state, record, hash);
        if (held.isPresent()) {
            return held.get();
        }
        Optional<RecordResult> foreign = notOwner(state, device, batch.township(), record);
        if (foreign.isPresent()) {
            return foreign.get();
        }
        UploadRecord payload = prepared.payload();
        if (prepared.notChecked() != null) {
            return malformed(record, prepared.notChecked());
        }
        if (payload instanceof UploadRecord.Enrollment enrollment) {
            Optional<RecordResult> anonymous = personWithoutIdentity(state, record, enrollment);
            if (anonymous.isPresent()) {
                return anonymous.get();
            }
            locks.lock(state.person(enrollment.person()).map(HubState.Person::identity).orElse(null));
            Optional<String> first = firstEnrollmentElsewhere(state, record, enrollment);
            if (first.isPresent()) {
                return duplicateEnrollment(record, first.get());
            }
            Optional<RecordResult> wrongQuote = checkQuote(state, quotes, record, enrollment);
            if (wrongQuote.isPresent()) {
                return wrongQuote.get();
            }
        }
        if (payload instanceof UploadRecord.Person person) {
            locks.lock(person.key());
            Optional<String> first = enrolledElsewhereUnderNewIdentity(state, record, person);
            if (first.isPresent()) {
                return duplicateEnrollment(record, first.get());
            }
        }
        // the owner first: of two replicas storing revisions of one record at once, one owns it
        if (!state.claimOwner(record.entity(), record.id(), device, batch.township())) {
            foreign = notOwner(state, device, batch.township(), record);
            if (foreign.isPresent()) {
                return foreign.get();
            }
        }
        if (!state.store(record, hash, canonical, device, batch.township(), batch.batchId(), receivedAt)) {
            // stored meanwhile by a batch another replica took
            return heldAlready(state, record, hash).orElseThrow();
        }
        state.project(record, payload, device, batch.township(), receivedAt);
        return result(record, RecordResult.Status.ACCEPTED, null, null);
    }

    /** DUPLICATE when the hub holds this key with this content, CONFLICT with other content; else empty. */
    private Optional<RecordResult> heldAlready(HubState state, SyncRecord record, String hash) {
        return state.heldHash(record.entity(), record.id(), record.revision())
                .map(stored -> stored.equals(hash) ? result(record, RecordResult.Status.DUPLICATE, null, null)
                        : result(record, RecordResult.Status.CONFLICT, "CONFLICT", "hub.conflict"));
    }

    private static RecordResult duplicateEnrollment(SyncRecord record, String message) {
        return new RecordResult(record.entity(), record.id(), record.revision(), RecordResult.Status.REJECTED,
                "DUPLICATE_ENROLLMENT", message);
    }

    /**
     * A person's new revision that names another ID number (a corrected one) while the person holds a
     * live enrolment: refused when someone else already holds a live enrolment of that number for the
     * same year, naming it — accepted, the two would be one person enrolled twice.
     */
    private Optional<String> enrolledElsewhereUnderNewIdentity(HubState state, SyncRecord record,
                                                               UploadRecord.Person person) {
        String identity = person.key();
        Optional<HubState.Person> stored = state.person(record.id());
        if (PersonKey.isNone(identity) || stored.isEmpty() || stored.get().identity().equals(identity)
                || stored.get().revision() > record.revision()) {
            return Optional.empty();
        }
        return state.liveEnrollmentUnderIdentity(record.id(), identity).map(this::duplicateMessage);
    }

    private String duplicateMessage(HubState.Holder first) {
        return Localization.format(locale, "hub.duplicateEnrollment", first.policyYear(), first.township(),
                first.device(), first.receivedAt());
    }

    /**
     * A record belongs to the device and township of its first upload ({@code record_owner}): a new
     * revision from anyone else is refused, naming the owner. The same key already held is answered
     * before this (DUPLICATE or CONFLICT, whoever sends it), so nothing is stored either way.
     */
    private Optional<RecordResult> notOwner(HubState state, String device, String township, SyncRecord record) {
        Optional<String[]> owner = state.owner(record.entity(), record.id());
        if (owner.isEmpty() || (owner.get()[0].equals(device) && owner.get()[1].equals(township))) {
            return Optional.empty();
        }
        return Optional.of(rejected(record, "NOT_OWNER", "hub.notOwner", record.entity(), record.id(),
                owner.get()[1], owner.get()[0], township, device));
    }

    /**
     * A live enrolment needs a person the hub can tell from others (ID number or birth certificate):
     * without either, every such person would look like the same one to the duplicate check.
     */
    private Optional<RecordResult> personWithoutIdentity(HubState state, SyncRecord record,
                                                         UploadRecord.Enrollment enrollment) {
        if (!enrollment.live()) {
            return Optional.empty();
        }
        Optional<String> identity = state.person(enrollment.person()).map(HubState.Person::identity);
        if (identity.isPresent() && PersonKey.isNone(identity.get())) {
            return Optional.of(malformed(record, new RecordCheck.Malformed("person",
                    Localization.text(locale, "hub.field.personWithoutIdentity"))));
        }
        return Optional.empty();
    }

    /**
     * 避免重复参保 across devices: a live enrolment for the same person (same ID number, or birth
     * certificate) and policy year already received under another enrolment id. Returns the message
     * naming the first, in Chinese.
     */
    private Optional<String> firstEnrollmentElsewhere(HubState state, SyncRecord record,
                                                      UploadRecord.Enrollment enrollment) {
        if (!enrollment.live()) {
            return Optional.empty();
        }
        String personId = enrollment.person();
        int year = enrollment.policyYear();
        Optional<String> identity = state.person(personId).map(HubState.Person::identity);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        return state.liveEnrollmentOf(identity.get(), year, record.id()).map(this::duplicateMessage);
    }

    /**
     * Recomputes a live enrolment's quote with the same engine, from the person and categories the hub
     * holds, and refuses amounts or a benefit start that differ (QUOTE_MISMATCH, both figures named).
     * The coverage history is the union of the snapshot's ({@code quote.history.coveredYears}: what the
     * counter knew) and the years of the person's paid enrolments the hub holds from any device; when
     * neither side knows a year the history is not known, as for a counter that was offline. A mismatch
     * caused by years only the hub knew names them, so the clerk sees why.
     */
    private Optional<RecordResult> checkQuote(HubState state, Quotes quotes, SyncRecord record,
                                              UploadRecord.Enrollment enrollment) {
        if (!enrollment.live()) {
            return Optional.empty();
        }
        String personId = enrollment.person();
        Optional<UploadRecord.Person> person = state.latestPersonPayload(personId);
        if (person.isEmpty()) {
            return Optional.of(rejected(record, "PERSON_MISSING", "hub.personMissing", personId));
        }
        int year = enrollment.policyYear();
        PolicyTable table = policies.table(year).orElse(null);
        if (table == null) {
            return Optional.of(rejected(record, "NO_POLICY_TABLE", "policyYear.noTable", year,
                    policies.yearsText()));
        }
        List<String> categories = state.liveCategoryCodes(personId);
        UploadRecord.Person who = person.get();
        Optional<SnapshotHistory> snapshot = SnapshotHistory.of(enrollment.quote());
        if (who.birthDate() == null) {
            return Optional.of(malformed(record, new RecordCheck.Malformed("person",
                    Localization.text(locale, "hub.field.personWithoutBirthDate"))));
        }
        if (snapshot.isEmpty()) {
            return Optional.of(malformed(record, new RecordCheck.Malformed("quote",
                    Localization.text(locale, "hub.field.snapshotHistory"))));
        }
        // read by the codec: a paying enrolment has its tier (never a default); with a guardian, none
        Tier tier = enrollment.withGuardian() ? null : enrollment.tier();
        // only years before the quoted one can be broken or continuous; the quoted year changes nothing
        SortedSet<Integer> hubYears = state.coveredYearsOf(PersonKey.lookups(who.idNumber(), who.birthCertificateNo()),
                personId, record.id()).headSet(year);
        SortedSet<Integer> claimedYears = snapshot.get().coveredYears();
        SortedSet<Integer> covered = null;
        if (claimedYears != null || !hubYears.isEmpty()) {
            covered = new TreeSet<>(hubYears);
            if (claimedYears != null) {
                covered.addAll(claimedYears);
            }
        }
        PersonFacts facts = new PersonFacts(null, who.idNumber(), who.birthCertificateNo(), who.birthDate(), null,
                tier, categories, who.employeeInsuranceEndedOn(), who.graduationYear())
                .withHistory(covered, snapshot.get().repairYears());
        MemberQuote quote = quotes.quote(new QuoteInput(table, facts, enrollment.paymentDate(),
                enrollment.withGuardian()));
        if (quote == null) {
            // the look-ahead: it only notes what would be quoted, and goes on as if the figures matched
            return Optional.empty();
        }
        Money claimed = new Money(enrollment.payableFen());
        String claimedStart = enrollment.benefitStart() == null ? null : enrollment.benefitStart().toString();
        String hubStart = quote.benefitStart() == null ? null : quote.benefitStart().toString();
        if (!quote.eligible() || !quote.payable().equals(claimed) || !java.util.Objects.equals(claimedStart, hubStart)) {
            SortedSet<Integer> onlyHub = new TreeSet<>(hubYears);
            if (claimedYears != null) {
                onlyHub.removeAll(claimedYears);
            }
            Object hubPayable = quote.eligible() ? quote.payable() : "—";
            Object hubAnswer = quote.eligible() ? hubStart : quote.reason();
            if (!onlyHub.isEmpty()) {
                return Optional.of(rejected(record, "QUOTE_MISMATCH", "hub.quoteMismatch.hubYears", claimed,
                        claimedStart, hubPayable, hubAnswer, table.version(), years(onlyHub)));
            }
            return Optional.of(rejected(record, "QUOTE_MISMATCH", "hub.quoteMismatch", claimed, claimedStart,
                    hubPayable, hubAnswer, table.version()));
        }
        return Optional.empty();
    }

    /**
     * What an enrolment's quote snapshot says of the history the counter used: its covered years (null
     * when it knew none: no {@code history}) and the broken years paid back. Empty when malformed.
     */
    private record SnapshotHistory(SortedSet<Integer> coveredYears, int repairYears) {

        static Optional<SnapshotHistory> of(JsonNode quote) {
            if (quote == null || quote.isMissingNode() || quote.isNull()) {
                return Optional.of(new SnapshotHistory(null, 0));
            }
            JsonNode repair = quote.path("repairYears");
            if (!repair.isMissingNode() && !repair.isNull() && (!repair.isInt() || repair.asInt() < 0)) {
                return Optional.empty();
            }
            JsonNode history = quote.path("history");
            if (history.isMissingNode() || history.isNull()) {
                return Optional.of(new SnapshotHistory(null, repair.asInt(0)));
            }
            JsonNode years = history.path("coveredYears");
            if (!years.isArray()) {
                return Optional.empty();
            }
            SortedSet<Integer> covered = new TreeSet<>();
            for (JsonNode year : years) {
                if (!year.isInt()) {
                    return Optional.empty();
                }
                covered.add(year.asInt());
            }
            return Optional.of(new SnapshotHistory(covered, repair.asInt(0)));
        }
    }

    /** "2025" or "2024、2025": years as a clerk reads them (no digit grouping). */
    private static String years(SortedSet<Integer> years) {
        return years.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"));
    }

    /**
     * The policy years for which the hub holds a paid, not cancelled enrolment (its latest revision) of
     * a person, or a renewal mark saying the person was covered otherwise that year (职工医保, 外地参保),
     * from any device: found by ID number or birth certificate number. A draft is quoted, not paid, and
     * covers no one. The numbers are compared as the counters send them (upper case).
     */
    public SortedSet<Integer> coveredYears(String idNumber, String birthCertificateNo) {
        List<String> identities = PersonKey.lookups(idNumber, birthCertificateNo);
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("an ID number or a birth certificate number is required");
        }
        return jdbi.withHandle(handle -> coveredYearsOf(handle, identities, null, null));
    }

    /**
     * The years the hub holds as covered for the persons with one of {@code identities} or with id
     * {@code personId} (either may be empty/null): paid enrolments, leaving out the enrolment {@code excluded}
     * (the one being checked), and renewal marks whose kind counts as covered (职工医保, 外地参保), as a
     * counter's own history counts them ({@code HistoryDao.counterYears}).
     */
    private static SortedSet<Integer> coveredYearsOf(Handle handle, List<String> identities, String personId,
                                                     String excluded) {
        List<String> whose = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        if (!identities.isEmpty()) {
            whose.add("x.person_id IN (SELECT p.id FROM hub_person p WHERE p.identity IN ("
                    + String.join(", ", java.util.Collections.nCopies(identities.size(), "?")) + "))");
            arguments.addAll(identities);
        }
        if (personId != null) {
            whose.add("x.person_id = ?");
            arguments.add(personId);
        }
        if (whose.isEmpty()) {
            return new TreeSet<>();
        }
        String persons = "(" + String.join(" OR ", whose) + ")";
        List<String> kinds = java.util.Arrays.stream(canbao.model.MarkKind.values())
                .filter(canbao.model.MarkKind::countsAsCovered).map(canbao.model.MarkKind::code).toList();
        List<Object> bound = new ArrayList<>(arguments);
        String sql = "SELECT x.policy_year FROM hub_enrollment x WHERE x.status = 'paid' AND " + persons;
        if (excluded != null) {
            sql += " AND x.id <> ?";
            bound.add(excluded);
        }
        sql += " UNION SELECT x.policy_year FROM hub_mark x WHERE x.deleted = 0 AND x.kind IN ("
                + String.join(", ", java.util.Collections.nCopies(kinds.size(), "?")) + ") AND " + persons;
        bound.addAll(kinds);
        bound.addAll(arguments);
        var query = handle.createQuery(sql);
        for (int i = 0; i < bound.size(); i++) {
            query.bind(i, bound.get(i));
        }
        return new TreeSet<>(query.mapTo(Integer.class).list());
    }

    /** MALFORMED, naming the field: "birthDate: …". */
    private static RecordResult malformed(SyncRecord record, RecordCheck.Malformed malformed) {
        return new RecordResult(record.entity(), record.id(), record.revision(), RecordResult.Status.REJECTED,
                "MALFORMED", malformed.field() + ": " + malformed.reason());
    }

    private RecordResult rejected(SyncRecord record, String code, String key, Object... arguments) {
        return new RecordResult(record.entity(), record.id(), record.revision(), RecordResult.Status.REJECTED, code,
                Localization.format(locale, key, arguments));
    }

    /** The hub's state read and written in the database itself, statement by statement (the reference). */
    private static final class DatabaseState implements HubState {
        private final Handle handle;

        DatabaseState(Handle handle) {
            this.handle = handle;
        }

        @Override
        public Optional<String> heldHash(String entity, String id, int revision) {
            return handle.createQuery("SELECT content_hash FROM sync_record WHERE entity = ? AND id = ? AND revision = ?")
                    .bind(0, entity).bind(1, id).bind(2, revision).mapTo(String.class).findOne();
        }

        @Override
        public Optional<String[]> owner(String entity, String id) {
            return handle.createQuery("SELECT device, township FROM record_owner WHERE entity = ? AND id = ?")
                    .bind(0, entity).bind(1, id)
                    .map((rs, ctx) -> new String[] {rs.getString("device"), rs.getString("township")}).findOne();
        }

        @Override
        public Optional<Person> person(String id) {
            return handle.createQuery(
                            "SELECT id, household_id, identity, revision, insurance_code FROM hub_person WHERE id = ?")
                    .bind(0, id).map((rs, ctx) -> new Person(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getString(5))).findOne();
        }

        @Override
        public Optional<Holder> liveEnrollmentOf(String identity, int year, String excludedId) {
            return handle.createQuery("""
                            SELECT e.policy_year, e.township, e.device, e.received_at FROM hub_enrollment e
                            JOIN hub_person p ON p.id = e.person_id
                            WHERE p.identity = ? AND e.policy_year = ? AND e.status <> 'cancelled' AND e.id <> ?
                            ORDER BY e.received_at, e.id""")
                    .bind(0, identity).bind(1, year).bind(2, excludedId).map(Hub::holder).findFirst();
        }

        @Override
        public Optional<Holder> liveEnrollmentUnderIdentity(String personId, String identity) {
            return handle.createQuery("""
                            SELECT other.policy_year, other.township, other.device, other.received_at
                            FROM hub_enrollment own JOIN hub_enrollment other
                              ON other.policy_year = own.policy_year AND other.person_identity = ?
                             AND other.status <> 'cancelled' AND other.person_id <> own.person_id
                            WHERE own.person_id = ? AND own.status <> 'cancelled'
                            ORDER BY other.received_at, other.id""")
                    .bind(0, identity).bind(1, personId).map(Hub::holder).findFirst();
        }

        @Override
        public Optional<UploadRecord.Person> latestPersonPayload(String personId) {
            return handle.createQuery(
                            "SELECT payload FROM sync_record WHERE entity = 'person' AND id = ? ORDER BY revision DESC")
                    .bind(0, personId).map((rs, ctx) -> (UploadRecord.Person) SyncCodec.readStored(UploadRecord.PERSON,
                            rs.getString("payload"))).findFirst();
        }

        @Override
        public List<String> liveCategoryCodes(String personId) {
            List<String> codes = new ArrayList<>(handle.createQuery(
                            "SELECT code FROM hub_category WHERE person_id = ? AND deleted = 0")
                    .bind(0, personId).mapTo(String.class).list());
            java.util.Collections.sort(codes);
            return codes;
        }

        @Override
        public SortedSet<Integer> coveredYearsOf(List<String> identities, String personId, String excluded) {
            return Hub.coveredYearsOf(handle, identities, personId, excluded);
        }

        @Override
        public boolean claimOwner(String entity, String id, String device, String township) {
            return handle.execute("INSERT INTO record_owner (entity, id, device, township) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (entity, id) DO NOTHING", entity, id, device, township) > 0;
        }

        @Override
        public boolean store(SyncRecord record, String hash, String canonical, String device, String township,
                             String batchId, String receivedAt) {
            return handle.execute("INSERT INTO sync_record (entity, id, revision, content_hash, payload, device, "
                            + "township, batch_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (entity, id, revision) DO NOTHING", record.entity(), record.id(),
                    record.revision(), hash, canonical, device, township, batchId, receivedAt) > 0;
        }

        @Override
        public void project(SyncRecord record, UploadRecord payload, String device, String township,
                            String receivedAt) {
            Hub.project(handle, record, payload, device, township, receivedAt);
        }
    }

    private static HubState.Holder holder(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        return new HubState.Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    /** Keeps the latest accepted revision of households, persons, enrolments, categories and renewal marks. */
    private static void project(Handle handle, SyncRecord record, UploadRecord payload, String device,
                                String township, String receivedAt) {
        if (payload instanceof UploadRecord.Household household) {
            handle.execute("DELETE FROM hub_household WHERE id = ? AND revision < ?", record.id(), record.revision());
            handle.execute("INSERT INTO hub_household (id, township, revision, village) SELECT ?, ?, ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM hub_household WHERE id = ?)", record.id(), township,
                    record.revision(), household.village(), record.id());
        } else if (payload instanceof UploadRecord.Person person) {
            String identity = person.key();
            handle.execute("DELETE FROM hub_person WHERE id = ? AND revision < ?", record.id(), record.revision());
            if (handle.execute("INSERT INTO hub_person (id, household_id, identity, revision, insurance_code) "
                    + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM hub_person WHERE id = ?)", record.id(),
                    person.household() == null ? "" : person.household(), identity, record.revision(),
                    person.insuranceCode(), record.id()) > 0) {
                // the person's enrolments follow a corrected number (checked before: no one else's)
                handle.execute("UPDATE hub_enrollment SET person_identity = NULLIF(?, 'cert:') "
                        + "WHERE person_id = ? AND unchecked_duplicate = 0", identity, record.id());
            }
        } else if (payload instanceof UploadRecord.Enrollment enrollment) {
            handle.execute("DELETE FROM hub_enrollment WHERE id = ? AND revision < ?", record.id(), record.revision());
            handle.execute("INSERT INTO hub_enrollment (id, person_id, policy_year, status, device, township, "
                    + "received_at, revision, person_identity) SELECT ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "(SELECT NULLIF(identity, 'cert:') FROM hub_person WHERE id = ?) "
                    + "WHERE NOT EXISTS (SELECT 1 FROM hub_enrollment WHERE id = ?)", record.id(),
                    enrollment.person(), enrollment.policyYear(), enrollment.status().code(), device, township, receivedAt,
                    record.revision(), enrollment.person(), record.id());
        } else if (payload instanceof UploadRecord.Category category) {
            handle.execute("DELETE FROM hub_category WHERE id = ? AND revision < ?", record.id(), record.revision());
            handle.execute("INSERT INTO hub_category (id, person_id, code, deleted, revision) SELECT ?, ?, ?, ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM hub_category WHERE id = ?)", record.id(), category.person(),
                    category.code(), category.deleted() ? 1 : 0, record.revision(), record.id());
        } else if (payload instanceof UploadRecord.Mark mark) {
            handle.execute("DELETE FROM hub_mark WHERE id = ? AND revision < ?", record.id(), record.revision());
            handle.execute("INSERT INTO hub_mark (id, person_id, policy_year, kind, deleted, revision) "
                    + "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM hub_mark WHERE id = ?)", record.id(),
                    mark.person(), mark.policyYear(), mark.kind().code(), mark.deleted() ? 1 : 0, record.revision(),
                    record.id());
        }
    }

    /**
     * The 医保电子凭证 code the hub holds for a person (its latest accepted revision's), masked as it may be
     * shown: first four and last four characters. Empty when the hub holds none.
     */
    public Optional<String> maskedInsuranceCode(String personId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT insurance_code FROM hub_person WHERE id = ?")
                .bind(0, personId).mapTo(String.class).findOne()).map(canbao.model.IdMask::maskCode);
    }

    /** Per township and policy year: households, persons and live (not cancelled) enrolments. */
    public List<Map<String, Object>> stats() {
        return stats(null);
    }

    /** {@link #stats()} of one township only (what a device's token may read), or of all when null. */
    public List<Map<String, Object>> stats(String township) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery("""
                SELECT h.township AS township, e.policy_year AS policy_year,
                       count(DISTINCT h.id) AS households, count(DISTINCT p.id) AS persons,
                       count(DISTINCT e.id) AS enrollments
                FROM hub_enrollment e
                JOIN hub_person p ON p.id = e.person_id
                JOIN hub_household h ON h.id = p.household_id
                WHERE e.status <> 'cancelled'""" + (township == null ? "" : " AND h.township = ?") + """

                GROUP BY h.township, e.policy_year
                ORDER BY h.township, e.policy_year""");
            if (township != null) {
                query.bind(0, township);
            }
            return query.map((rs, ctx) -> Map.<String, Object>of("township", rs.getString("township"),
                        "policyYear", rs.getInt("policy_year"), "households", rs.getLong("households"),
                        "persons", rs.getLong("persons"), "enrollments", rs.getLong("enrollments")))
                    .list();
        });
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private RecordResult result(SyncRecord record, RecordResult.Status status, String code, String messageKey) {
        String message = messageKey == null ? null
                : Localization.format(locale, messageKey, record.entity(), record.id(), record.revision());
        return new RecordResult(record.entity(), record.id(), record.revision(), status, code, message);
    }

    /** The payload with its keys sorted, so the same content always hashes the same. */
    private String canonical(SyncRecord record) throws RecordCheck.Malformed {
        if (record.entity() == null || !ENTITIES.contains(record.entity())) {
            throw new RecordCheck.Malformed("entity", Localization.format(locale, "hub.field.oneOf",
                    "enrollment、household、person、person_category、person_mark"));
        }
        if (record.id() == null || record.id().isBlank() || record.id().length() > RecordCheck.MAX_REFERENCE
                || record.id().chars().anyMatch(Character::isISOControl)) {
            throw new RecordCheck.Malformed("id", Localization.format(locale, "hub.field.recordId",
                    RecordCheck.MAX_REFERENCE));
        }
        if (record.revision() < 1) {
            throw new RecordCheck.Malformed("revision", Localization.text(locale, "hub.field.revision"));
        }
        if (record.payload() == null) {
            throw new RecordCheck.Malformed("payload", Localization.text(locale, "field.missing"));
        }
        if (record.payload().length() > RecordCheck.MAX_PAYLOAD_CHARS) {
            throw new RecordCheck.Malformed("payload", Localization.format(locale, "hub.field.tooLarge",
                    RecordCheck.MAX_PAYLOAD_CHARS));
        }
        try {
            JsonNode payload = JSON.readTree(record.payload());
            if (payload == null || !payload.isObject()) {
                throw new RecordCheck.Malformed("payload", Localization.text(locale, "hub.field.notJson"));
            }
            return JSON.writeValueAsString(JSON.convertValue(payload, Map.class));
        } catch (JsonProcessingException e) {
            // not the parser's message: it quotes the payload
            throw new RecordCheck.Malformed("payload", Localization.text(locale, "hub.field.notJson"));
        }
    }

    /** Whether a signature is the hub's for this answer (the hub can prove what it answered). */
    public boolean verify(BatchAnswer answer) {
        return answer.signature() != null && MessageDigest.isEqual(
                answer.signature().getBytes(StandardCharsets.US_ASCII),
                sign(answer.signedText()).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The county's progress for a policy year (null: the latest year with enrolments), devices silent over {@code silentDays} flagged. */
    public CountyProgress.Report progress(Integer year, int silentDays) {
        return jdbi.withHandle(handle -> CountyProgress.read(handle, year, silentDays, clock.instant(),
                lowIncomeCodes()));
    }

    /** The low-income categories (the newest policy table that lists them), as the counter's coverage report counts them. */
    private Set<String> lowIncomeCodes() {
        for (int year : new TreeSet<>(policies.years()).descendingSet()) {
            PolicyTable table = policies.table(year).orElseThrow();
            if (table.lowIncome() != null) {
                return table.lowIncome().categories();
            }
        }
        return Set.of();
    }

    /** How long a county operator's session lasts after signing in with the token. */
    public static final java.time.Duration SESSION_LENGTH = java.time.Duration.ofHours(8);

    /**
     * A session for the progress page, from an operator's token (empty for any other token): the
     * operator's name, the end of the session and an HMAC with the hub's key over both and the hash of
     * the operator's current token. Any replica can check it (the key is in the database), and a
     * revoked or replaced token ends the operator's sessions at once. Kept by the browser as an
     * HttpOnly cookie; never the token itself.
     */
    public Optional<String> operatorSession(String token) {
        Optional<Caller> caller = caller(token);
        if (caller.isEmpty() || caller.get().kind() != Caller.Kind.OPERATOR || caller.get().revoked()) {
            return Optional.empty();
        }
        String name = caller.get().name();
        long until = clock.instant().plus(SESSION_LENGTH).getEpochSecond();
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
        return Optional.of(encoded + "." + until + "." + sign(sessionText(name, until, Sha256.hex(token))));
    }

    /** The operator a session cookie stands for, while it lasts and the operator's token is the one it was made with. */
    public Optional<String> sessionOperator(String session) {
        if (session == null) {
            return Optional.empty();
        }
        String[] parts = session.split("\\.", -1);
        if (parts.length != 3 || !parts[1].matches("\\d{1,12}")) {
            return Optional.empty();
        }
        String name;
        try {
            name = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        long until = Long.parseLong(parts[1]);
        if (until < clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        Optional<String> tokenHash = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT token_hash FROM hub_operator WHERE name = ? AND revoked_at IS NULL")
                .bind(0, name).mapTo(String.class).findOne());
        return tokenHash.filter(hash -> MessageDigest.isEqual(
                        sign(sessionText(name, until, hash)).getBytes(StandardCharsets.US_ASCII),
                        parts[2].getBytes(StandardCharsets.US_ASCII)))
                .map(hash -> name);
    }

    private static String sessionText(String name, long until, String tokenHash) {
        return "operator-session\n" + name + "\n" + until + "\n" + tokenHash;
    }

    /** How long the health check waits for the database. */
    private static final long HEALTH_TIMEOUT_MILLIS = 3_000;

    private static final java.util.concurrent.ExecutorService HEALTH = java.util.concurrent.Executors.newCachedThreadPool(
            runnable -> {
                Thread thread = new Thread(runnable, "hub-health");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * Whether the database answers a trivial query within {@link #HEALTH_TIMEOUT_MILLIS} (a replica
     * whose database is gone, or whose pool is stuck, says so to the health check).
     */
    public boolean databaseAnswers() {
        java.util.concurrent.Future<Integer> answer = HEALTH.submit(() -> jdbi.withHandle(handle ->
                handle.createQuery("SELECT 1").mapTo(Integer.class).one()));
        try {
            return answer.get(HEALTH_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS) == 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            LOG.warn("health check: the database did not answer", Unreported.of(e));
            return false;
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
        readers.close();
        dataSource.close();
    }
}
