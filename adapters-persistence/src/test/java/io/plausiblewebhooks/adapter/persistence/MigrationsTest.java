package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase.FreshDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void createTheWholeSchemaOnAnEmptyDatabaseAndAreANoOpTheSecondTime() throws Exception {
        try (FreshDatabase fresh = TestDatabase.createFresh()) {
            Migrations.migrate(fresh.jdbcUrl(), TestDatabase.user(), TestDatabase.password());
            Jdbi jdbi = fresh.jdbi();
            long applied = changesets(jdbi);
            String schema = schemaFingerprint(jdbi);

            Migrations.migrate(fresh.jdbcUrl(), TestDatabase.user(), TestDatabase.password());

            assertThat(applied).isGreaterThanOrEqualTo(11);
            assertThat(changesets(jdbi)).isEqualTo(applied);
            assertThat(schemaFingerprint(jdbi)).isEqualTo(schema);
            assertThat(tables(jdbi)).contains("accounts", "api_keys", "sites", "goals", "webhooks",
                    "webhook_triggers", "webhook_deliveries", "webhook_messages");
        }
    }

    @Test
    void keepTheSeedTablesExactlyAsSpecified() {
        Jdbi jdbi = TestDatabase.jdbi();

        // secret is text, not the seed's varchar(255): it holds the AES-GCM sealed form (see SecretBox).
        assertThat(columns(jdbi, "webhooks")).containsAll(List.of(
                "id uuid NO gen_random_uuid()", "site_id uuid YES null", "name character varying(255) NO null",
                "url character varying(2048) NO null", "secret text NO null",
                "enabled boolean YES true", "inserted_at timestamp without time zone NO now()",
                "updated_at timestamp without time zone NO now()"));
        assertThat(columns(jdbi, "webhook_triggers")).containsAll(List.of(
                "id uuid NO gen_random_uuid()", "webhook_id uuid YES null", "trigger_type character varying(50) NO null",
                "threshold integer YES null", "goal_id uuid YES null", "enabled boolean YES true",
                "inserted_at timestamp without time zone NO now()", "params jsonb NO '{}'::jsonb"));
        assertThat(columns(jdbi, "webhook_deliveries")).containsAll(List.of(
                "id uuid NO gen_random_uuid()", "webhook_id uuid YES null", "trigger_id uuid YES null",
                "payload jsonb NO null", "status_code integer YES null", "response_body text YES null",
                "attempt integer YES 1", "success boolean NO null", "error_message text YES null",
                "inserted_at timestamp without time zone NO now()", "duration_ms bigint YES null",
                "message_id uuid YES null"));

        assertThat(indexes(jdbi)).contains("webhooks_site_id", "webhook_triggers_webhook_id",
                "webhook_triggers_goal_id", "webhook_deliveries_webhook_id", "webhook_deliveries_trigger_id",
                "webhook_deliveries_inserted_at", "webhook_deliveries_log", "webhook_messages_due",
                "webhook_messages_webhook_id");

        assertThat(foreignKeys(jdbi)).contains(
                "webhooks.site_id -> sites ON DELETE c",
                "webhook_triggers.webhook_id -> webhooks ON DELETE c",
                "webhook_triggers.goal_id -> goals ON DELETE n",
                "webhook_deliveries.webhook_id -> webhooks ON DELETE c",
                "webhook_deliveries.trigger_id -> webhook_triggers ON DELETE c",
                "webhook_messages.webhook_id -> webhooks ON DELETE c",
                "webhook_messages.trigger_id -> webhook_triggers ON DELETE n");
    }

    private static long changesets(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM databasechangelog").mapTo(Long.class).one());
    }

    private static List<String> tables(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                .mapTo(String.class).list());
    }

    private static String schemaFingerprint(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name)"
                                + " FROM information_schema.columns WHERE table_schema = 'public'")
                .mapTo(String.class).one()) + indexes(jdbi);
    }

    private static List<String> columns(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT column_name || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || c.is_nullable || ' '"
                                + " || coalesce(c.column_default, 'null')"
                                + " FROM information_schema.columns c"
                                + " JOIN pg_attribute a ON a.attrelid = c.table_name::regclass AND a.attname = c.column_name"
                                + " WHERE c.table_schema = 'public' AND c.table_name = :table")
                .bind("table", table).mapTo(String.class).list());
    }

    private static List<String> indexes(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")
                .mapTo(String.class).list());
    }

    private static List<String> foreignKeys(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT conrelid::regclass || '.' || a.attname || ' -> ' || confrelid::regclass || ' ON DELETE ' || confdeltype"
                                + " FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
                                + " WHERE c.contype = 'f'")
                .mapTo(String.class).list());
    }
}
