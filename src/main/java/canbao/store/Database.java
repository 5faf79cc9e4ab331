package canbao.store;

import canbao.model.EnrollmentStatus;
import canbao.model.Money;
import canbao.model.Tier;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.mc.SQLiteMCChacha20Config;

/**
 * The local SQLite store of one data folder: {@code canbao.db} in WAL mode with foreign keys on,
 * migrated by Flyway on open, reached through Jdbi over a small connection pool.
 */
public final class Database implements AutoCloseable {

    public static final String FILE_NAME = "canbao.db";

    private final Path file;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(Path file, HikariDataSource dataSource, Jdbi jdbi) {
        this.file = file;
        this.dataSource = dataSource;
        this.jdbi = jdbi;
    }

    /**
     * Opens (creating if needed) the database in {@code folder}, encrypted with {@code key}, and brings
     * its schema up to date. A wrong key fails here (SQLite reads the encrypted header as "not a database").
     */
    public static Database open(Path folder, DataKey key) {
        PrivateFiles.folder(folder);
        Path file = folder.resolve(FILE_NAME).toAbsolutePath();
        // 0600 before SQLite creates it: its WAL and shared-memory files then get the same permissions
        PrivateFiles.file(file);
        PrivateFiles.restrict(file.resolveSibling(FILE_NAME + "-wal"));
        PrivateFiles.restrict(file.resolveSibling(FILE_NAME + "-shm"));
        // ChaCha20-Poly1305 (SQLite3 Multiple Ciphers' default): every page encrypted and authenticated,
        // the WAL file too. The key is already 256 random bits, so it is given raw, without the cipher's
        // own slow key derivation on every pooled connection.
        SQLiteConfig sqlite = cipher(key);
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a saved household survives a power cut too, not only a crash (kill -9)
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        // saves read then write; begun IMMEDIATE they wait for another writer (an upload marking the
        // outbox) instead of failing with SQLITE_BUSY_SNAPSHOT
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // a township's million persons have indexes of ~100 MB: a larger page cache keeps inserts from
        // re-reading (and now decrypting) index pages. No memory-mapped reads: they would hand SQLite the
        // encrypted pages as they lie on disk, bypassing the cipher (seen as "database disk image is
        // malformed" on the second open)
        sqlite.setCacheSize(-65_536);
        SQLiteDataSource sqliteSource = new SQLiteDataSource(sqlite);
        sqliteSource.setUrl("jdbc:sqlite:" + file);

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqliteSource);
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        pool.setPoolName("canbao-" + folder.getFileName());
        HikariDataSource dataSource = new HikariDataSource(pool);

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        registerTypes(jdbi);
        registerMappers(jdbi);
        return new Database(file, dataSource, jdbi);
    }

    /**
     * Opens and migrates a throw-away encrypted database in a temporary folder, then deletes it: the
     * SQLite native library, the cipher, the pool, Flyway and Jdbi are loaded and linked while the
     * operator types his password, and the real open after sign-in no longer pays for them (≈ 0.6 s
     * cold on the 2-core test machine).
     */
    public static void warmUp() {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("canbao-warm-up");
            open(folder, DataKey.random()).close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (folder != null) {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (java.io.IOException ignored) {
                    // a temporary folder left behind holds an empty database under a forgotten key
                }
            }
        }
    }

    private static SQLiteConfig cipher(DataKey key) {
        return SQLiteMCChacha20Config.getDefault().withRawUnsaltedKey(key.bytes()).build();
    }

    /**
     * A plain JDBC connection to an encrypted database file, outside any pool and without migrations:
     * for benchmarks' baselines (the same SQL, the same cipher, none of our layers) and for tests that
     * look under the store.
     */
    public static Connection connect(Path file, DataKey key) throws SQLException {
        return cipher(key).createConnection("jdbc:sqlite:" + file);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Row mappers are registered once here, not with {@code @RegisterRowMapper} on the DAOs: that
     * annotation makes Jdbi copy its configuration and build a mapper on every attach, which was a
     * measurable share of a household save.
     */
    private static void registerMappers(Jdbi jdbi) {
        jdbi.registerRowMapper(new Rows.HouseholdMapper());
        jdbi.registerRowMapper(new Rows.PersonMapper());
        jdbi.registerRowMapper(new Rows.CategoryMapper());
        jdbi.registerRowMapper(new Rows.EnrollmentMapper());
        jdbi.registerRowMapper(new SearchDao.HitMapper());
        jdbi.registerRowMapper(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.factory(HistoryDao.Declared.class));
    }

    /** Dates and instants as ISO text, tiers as 1/2, money as whole fen, statuses as lower-case codes. */
    private static void registerTypes(Jdbi jdbi) {
        jdbi.registerColumnMapper(LocalDate.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return canbao.model.IsoText.date(text);
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : Instant.parse(text);
        });
        jdbi.registerColumnMapper(Tier.class, (rs, column, ctx) -> {
            int number = rs.getInt(column);
            return rs.wasNull() ? null : Tier.ofNumber(number).orElseThrow();
        });
        jdbi.registerColumnMapper(Money.class, (rs, column, ctx) -> {
            long fen = rs.getLong(column);
            return rs.wasNull() ? null : new Money(fen);
        });
        jdbi.registerColumnMapper(EnrollmentStatus.class, (rs, column, ctx) -> {
            String code = rs.getString(column);
            return code == null ? null : EnrollmentStatus.ofCode(code);
        });
        jdbi.registerArgument(new TextArgument<LocalDate>() { });
        jdbi.registerArgument(new TextArgument<Instant>() { });
        jdbi.registerArgument(new AbstractArgumentFactory<Tier>(Types.INTEGER) {
            @Override
            protected Argument build(Tier value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setInt(position, value.number());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<Money>(Types.BIGINT) {
            @Override
            protected Argument build(Money value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setLong(position, value.fen());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<EnrollmentStatus>(Types.VARCHAR) {
            @Override
            protected Argument build(EnrollmentStatus value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, value.code());
            }
        });
    }

    /** Binds a value as its {@code toString()} (ISO-8601 for java.time). */
    private abstract static class TextArgument<T> extends AbstractArgumentFactory<T> {
        TextArgument() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(T value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, value.toString());
        }
    }
}
