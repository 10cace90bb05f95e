package com.casewire.reconciliation;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** The facts of one section that share a match key: what the correlation query returns whole and {@link Classifier} judges. */
public final class FactGroup {

    final String section;
    final String matchKey;
    final List<Fact> facts = new ArrayList<>();

    FactGroup(String section, String matchKey) {
        this.section = section;
        this.matchKey = matchKey;
    }

    List<Fact> side(String side) {
        return facts.stream().filter(f -> side.equals(f.side())).toList();
    }

    /**
     * A row of {@code fact-groups.sql}: the group's key and its facts as parallel arrays (column names in either case:
     * H2 answers in upper case). Read on the thread that streams the query, while its connection is open.
     */
    static FactGroup of(Map<String, Object> row) {
        FactGroup group = new FactGroup(str(get(row, "section")), str(get(row, "match_key")));
        Object[] sides = values(get(row, "sides"));
        Object[] ids = values(get(row, "fact_ids"));
        Object[] amounts = values(get(row, "amounts"));
        Object[] parties = values(get(row, "parties"));
        Object[] matters = values(get(row, "matters"));
        Object[] details = values(get(row, "details"));
        for (int i = 0; i < sides.length; i++) {
            group.facts.add(new Fact(group.section, str(sides[i]), str(ids[i]), group.matchKey,
                    amounts[i] == null ? null : ((Number) amounts[i]).longValue(), null, str(parties[i]), str(matters[i]),
                    str(details[i])));
        }
        return group;
    }

    private static Object get(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value != null || row.containsKey(column) ? value : row.get(column.toUpperCase(Locale.ROOT));
    }

    private static Object[] values(Object column) {
        try {
            return column instanceof Array array ? (Object[]) array.getArray() : (Object[]) column;
        } catch (SQLException e) {
            throw new IllegalStateException("the correlation query's array could not be read", e);
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * The run route's aggregation strategy: the correlation query's rows, one per group, into batches of
     * {@link FactGroup}s ({@code List<FactGroup>}) that are judged together: one hand-over to the judging thread and
     * one insert of exceptions per batch instead of per group.
     */
    static final class Batching implements AggregationStrategy {
        @Override
        @SuppressWarnings("unchecked")
        public Exchange aggregate(Exchange batchSoFar, Exchange next) {
            FactGroup group = of(next.getIn().getBody(Map.class));
            if (batchSoFar == null) {
                List<FactGroup> batch = new ArrayList<>();
                batch.add(group);
                next.getIn().setBody(batch);
                return next;
            }
            batchSoFar.getIn().getBody(List.class).add(group);
            return batchSoFar;
        }
    }
}
