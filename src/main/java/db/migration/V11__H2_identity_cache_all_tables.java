package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * H2 only; nothing on PostgreSQL. V9 raised the identity cache of four tables; the tables added since (milestone
 * occurrences, leads, payment events, ...) kept H2's default of 32. Each time that cache runs out H2 writes the
 * identity's position as a metadata change: a commit of its own, and it empties every connection's cache of
 * parsed statements, so the next statements of every connection are parsed again. This migration gives every
 * identity column in the schema the same cache of 10,000 (the cost is a gap in the ids after a crash).
 * A table added later needs its own {@code ALTER ... SET CACHE} on H2.
 */
public class V11__H2_identity_cache_all_tables extends BaseJavaMigration {

    private static final int CACHE = 10_000;

    @Override
    public void migrate(Context context) throws Exception {
        if (!"H2".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        List<String[]> identities = new ArrayList<>();
        try (Statement statement = context.getConnection().createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS
                     WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES'""")) {
            while (rs.next()) {
                identities.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String[] column : identities) {
                statement.execute("ALTER TABLE \"" + column[0] + "\" ALTER COLUMN \"" + column[1] + "\" SET CACHE " + CACHE);
            }
        }
    }
}
