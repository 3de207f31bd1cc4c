package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ApiKeyId;
import io.plausiblewebhooks.domain.DeliveryId;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookId;
import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The one place where a {@link Jdbi} is set up for this schema; the application and every test use
 * it, so both bind and map values the same way.
 *
 * <p>Timestamps: every column is {@code timestamp} (without time zone) holding UTC. An
 * {@link Instant} is bound as the UTC {@link LocalDateTime} and read back the same way, so the JVM's
 * default time zone never enters (JDBI's built-in mapping goes through {@code java.sql.Timestamp},
 * which uses it). Connections also run with {@code TimeZone=UTC} (see {@link Databases}) so that
 * {@code now()} in SQL agrees.
 */
public final class JdbiConfigurer {
    private JdbiConfigurer() {
    }

    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        // Registered after the plugins so that these win over the built-in Instant handling.
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> toInstant(rs.getObject(column, LocalDateTime.class)));
        jdbi.registerArgument(new TypedIdArgumentFactory());
        return jdbi;
    }

    /** UTC wall-clock time of an instant, as stored in a {@code timestamp} column. */
    public static LocalDateTime toUtc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant toInstant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** Typed ids bind as their UUID, so SQL objects can take {@code SiteId} parameters directly. */
    private static final class TypedIdArgumentFactory implements ArgumentFactory.Preparable {
        private static final Map<Type, Function<Object, UUID>> IDS = Map.of(
                AccountId.class, id -> ((AccountId) id).value(),
                ApiKeyId.class, id -> ((ApiKeyId) id).value(),
                SiteId.class, id -> ((SiteId) id).value(),
                GoalId.class, id -> ((GoalId) id).value(),
                WebhookId.class, id -> ((WebhookId) id).value(),
                TriggerId.class, id -> ((TriggerId) id).value(),
                DeliveryId.class, id -> ((DeliveryId) id).value(),
                MessageId.class, id -> ((MessageId) id).value());

        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            Function<Object, UUID> value = IDS.get(type);
            if (value == null) {
                return Optional.empty();
            }
            return Optional.of(id -> id == null
                    ? new NullArgument(Types.OTHER)
                    : (position, statement, ctx) -> statement.setObject(position, value.apply(id)));
        }

        @Override
        public Collection<Type> prePreparedTypes() {
            return IDS.keySet();
        }
    }

    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.TIMESTAMP);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            LocalDateTime utc = toUtc(value);
            return (position, statement, ctx) -> statement.setObject(position, utc);
        }
    }
}
