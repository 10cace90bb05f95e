package com.casewire.intake;

import com.casewire.db.InsertOnce;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable round-robin per practice area: the next eligible attorney after the one who got the previous lead, in the
 * order the rules list them. The row is locked while choosing, so two hub instances never hand out the same turn.
 */
@Repository
class RoundRobin {

    private static final String EXISTS = "SELECT COUNT(*) FROM intake_round_robin WHERE practice_area = :area";
    private static final String INSERT = """
            INSERT INTO intake_round_robin (practice_area, last_attorney, updated_at) VALUES (:area, NULL, :now)""";
    private static final String LOCK = "SELECT last_attorney FROM intake_round_robin WHERE practice_area = :area FOR UPDATE";
    private static final String UPDATE = """
            UPDATE intake_round_robin SET last_attorney = :attorney, updated_at = :now WHERE practice_area = :area""";

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;
    private final TransactionTemplate tx;
    private final Clock clock;

    RoundRobin(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
        this.tx = tx;
        this.clock = clock;
    }

    /** The next of {@code inOrder} (after the last one chosen) that is in {@code eligible}; recorded as chosen. */
    String next(String area, List<String> inOrder, Set<String> eligible) {
        MapSqlParameterSource p = new MapSqlParameterSource("area", area).addValue("now", Timestamp.from(clock.instant()));
        Long n = jdbc.queryForObject(EXISTS, p, Long.class);
        if (n == null || n == 0) {
            insertOnce.insert(INSERT, p.getValues()); // false: another instance created it first
        }
        return tx.execute(status -> {
            List<String> rows = jdbc.queryForList(LOCK, p, String.class);
            String last = rows.isEmpty() ? null : rows.get(0);
            int start = last == null ? 0 : inOrder.indexOf(last) + 1;
            String chosen = null;
            for (int i = 0; i < inOrder.size(); i++) {
                String candidate = inOrder.get((start + i) % inOrder.size());
                if (eligible.contains(candidate)) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null) {
                throw new IllegalArgumentException("no eligible attorney for " + area);
            }
            jdbc.update(UPDATE, new MapSqlParameterSource(p.getValues()).addValue("attorney", chosen));
            return chosen;
        });
    }
}
