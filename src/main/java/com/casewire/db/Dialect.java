package com.casewire.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The one difference between the two supported databases that the hot path cares about: an insert whose key may
 * exist. PostgreSQL aborts the whole transaction when a statement fails, so there the insert says
 * {@code ON CONFLICT ... DO NOTHING} (no error, zero rows); H2 has no such clause outside its PostgreSQL mode, but
 * a failed statement leaves its transaction usable, so there the caller catches the duplicate-key error.
 * {@link InsertOnce} is the general (savepoint) form for code off the hot path.
 */
@Component
public class Dialect {

    private final boolean postgres;

    public Dialect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
    }

    public boolean postgres() {
        return postgres;
    }

    /** {@code insert} with {@code ON CONFLICT (columns) DO NOTHING} on PostgreSQL; unchanged on H2. */
    public String skipDuplicate(String insert, String conflictColumns) {
        return postgres ? insert + " ON CONFLICT (" + conflictColumns + ") DO NOTHING" : insert;
    }
}
