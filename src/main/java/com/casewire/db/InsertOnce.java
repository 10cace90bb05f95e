package com.casewire.db;

import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An INSERT whose unique key may already exist, where "already there" is an answer, not an error. Inside a
 * transaction the insert runs under a savepoint: PostgreSQL aborts the whole transaction on a failed statement,
 * so catching the duplicate-key error alone would leave the caller's transaction unusable (H2 does not, which is
 * why the plain catch looked fine there).
 */
@Component
public class InsertOnce {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    InsertOnce(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs the insert; false when a row with the same unique key exists. */
    public boolean insert(String sql, Map<String, ?> params) {
        return insert(sql, new MapSqlParameterSource(params), null) != NOT_INSERTED;
    }

    /** Runs the insert and returns the generated {@code id}; {@link #NOT_INSERTED} when the row exists. */
    public long insertReturningId(String sql, SqlParameterSource params) {
        return insert(sql, params, new GeneratedKeyHolder());
    }

    public static final long NOT_INSERTED = -1;

    private long insert(String sql, SqlParameterSource params, KeyHolder keys) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return attempt(sql, params, keys);
        }
        Long id = savepoint.execute(status -> {
            try {
                return run(sql, params, keys);
            } catch (DuplicateKeyException exists) {
                status.setRollbackOnly(); // back to the savepoint; the caller's transaction goes on
                return NOT_INSERTED;
            }
        });
        return id == null ? NOT_INSERTED : id;
    }

    private long attempt(String sql, SqlParameterSource params, KeyHolder keys) {
        try {
            return run(sql, params, keys);
        } catch (DuplicateKeyException exists) {
            return NOT_INSERTED;
        }
    }

    private long run(String sql, SqlParameterSource params, KeyHolder keys) {
        if (keys == null) {
            return jdbc.update(sql, params) == 1 ? 0 : NOT_INSERTED;
        }
        jdbc.update(sql, params, keys, new String[] {"id"});
        Number key = keys.getKey();
        return key == null ? NOT_INSERTED : key.longValue();
    }
}
