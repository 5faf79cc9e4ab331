package canbao.bench;

import canbao.store.DataKey;
import canbao.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor of a write measured on the same schema (issue 19): the very rows a run of our code left in
 * a database, read back and written again with plain JDBC — one prepared statement per table, batched,
 * one transaction — into a fresh database of the same schema (migrated by the same Flyway scripts, so
 * the same tables, constraints and indexes), encrypted with the same cipher, {@code synchronous=FULL},
 * WAL, foreign keys on and the same page cache as the program's own connections. Only the writes and
 * the commit are timed; reading the rows back is not.
 */
final class SameSchemaFloor {

    /** What a roster import writes (the staging table is emptied before its commit: not among its rows). */
    static final List<String> IMPORT_TABLES = List.of("household", "person", "outbox", "audit_log");

    private static final int CHUNK = 5000;

    private SameSchemaFloor() {
    }

    /** Seconds to write every row of {@code tables} in {@code source} into a fresh database in {@code folder}. */
    static double copy(Path source, Path folder, DataKey key, List<String> tables) throws SQLException {
        Database.open(folder, key).close();
        try (Connection from = Database.connect(source, key);
             Connection to = Database.connect(folder.resolve(Database.FILE_NAME), key)) {
            configure(to);
            to.setAutoCommit(false);
            long nanos = 0;
            for (String table : tables) {
                List<String> columns = columns(from, table);
                String names = String.join(", ", columns);
                try (PreparedStatement read = from.prepareStatement("SELECT rowid, " + names + " FROM " + table
                        + " WHERE rowid > ? ORDER BY rowid LIMIT " + CHUNK);
                     PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " (" + names
                             + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)")) {
                    long after = 0;
                    while (true) {
                        List<Object[]> rows = new ArrayList<>(CHUNK);
                        read.setLong(1, after);
                        try (ResultSet rs = read.executeQuery()) {
                            while (rs.next()) {
                                after = rs.getLong(1);
                                Object[] row = new Object[columns.size()];
                                for (int c = 0; c < row.length; c++) {
                                    row[c] = rs.getObject(c + 2);
                                }
                                rows.add(row);
                            }
                        }
                        if (rows.isEmpty()) {
                            break;
                        }
                        long start = System.nanoTime();
                        for (Object[] row : rows) {
                            for (int c = 0; c < row.length; c++) {
                                insert.setObject(c + 1, row[c]);
                            }
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        nanos += System.nanoTime() - start;
                    }
                }
            }
            long start = System.nanoTime();
            to.commit();
            nanos += System.nanoTime() - start;
            return nanos / 1e9;
        }
    }

    /** The program's own connection settings (Database.open), on a plain connection. */
    static void configure(Connection connection) throws SQLException {
        try (Statement pragma = connection.createStatement()) {
            pragma.execute("PRAGMA journal_mode = WAL");
            pragma.execute("PRAGMA synchronous = FULL");
            pragma.execute("PRAGMA foreign_keys = ON");
            pragma.execute("PRAGMA cache_size = -65536");
        }
    }

    static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        return columns;
    }
}
