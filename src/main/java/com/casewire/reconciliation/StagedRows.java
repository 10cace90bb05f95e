package com.casewire.reconciliation;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.SqlPrepareStatementStrategy;

/**
 * How camel-sql binds the staging batch ({@code stage-fact.sql}, {@code stage-fact-again-*.sql}): each row is the list
 * {@link Fact#row} built, set in order. camel-sql's default strategy scans the statement for named parameters again
 * for every row, converts each row and logs each value at TRACE (a call through Logback's filters even when TRACE is
 * off): in a profile of the benchmark's 100,000 + 100,000 facts, 14% of the staging thread's time.
 */
final class StagedRows implements SqlPrepareStatementStrategy {

    @Override
    public String prepareQuery(String query, boolean allowNamedParameters, Exchange exchange) {
        return query;
    }

    @Override
    public Iterator<?> createPopulateIterator(String query, String preparedQuery, int expectedParams, Exchange exchange,
                                              Object row) {
        return ((List<?>) row).iterator();
    }

    @Override
    public void populateStatement(PreparedStatement ps, Iterator<?> values, int expectedParams) throws SQLException {
        int index = 0;
        while (values.hasNext()) {
            Object value = values.next();
            if (++index > expectedParams) {
                break;
            }
            if (value == null) {
                ps.setNull(index, Fact.SQL_TYPES[index - 1]);
            } else {
                ps.setObject(index, value);
            }
        }
        if (index != expectedParams) {
            throw new SQLException("a staged fact has " + index + " values, the statement " + expectedParams);
        }
    }
}
