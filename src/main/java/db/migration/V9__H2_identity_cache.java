package db.migration;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * H2 only; nothing on PostgreSQL. H2 writes an identity column's position to disk every time its cache of
 * values runs out, and that write is a commit of its own: with the default cache of 32 it was a fifth of
 * all the hub's commits under load. A cache of 10,000 makes it rare; the cost is a gap in the ids after a
 * crash. PostgreSQL keeps the default: there a sequence cache is per connection and would put ids out of
 * insertion order, which "latest message to this number" queries rely on.
 *
 * <p>Java rather than SQL because the statement is H2's alone and must not run on PostgreSQL.
 */
public class V9__H2_identity_cache extends BaseJavaMigration {

    private static final List<String> TABLES = List.of("inbox_event", "outbox_message", "communication_log",
            "scheduled_action");

    @Override
    public void migrate(Context context) throws Exception {
        if (!"H2".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String table : TABLES) {
                statement.execute("ALTER TABLE " + table + " ALTER COLUMN id SET CACHE 10000");
            }
        }
    }
}
