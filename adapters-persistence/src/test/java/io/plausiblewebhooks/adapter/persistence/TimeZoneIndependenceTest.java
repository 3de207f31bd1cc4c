package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.TimeZone;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stored times must not depend on the JVM's default time zone (UTC+14 here, on fresh connections). */
class TimeZoneIndependenceTest {
    private final TimeZone original = TimeZone.getDefault();
    private ManagedDataSource pool;
    private Jdbi jdbi;

    @BeforeEach
    void farFromUtc() {
        TestDatabase.truncateAll();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        // New connections, opened while the odd default zone is in force.
        pool = Databases.dataSourceFactory(TestDatabase.jdbcUrl(), TestDatabase.user(), TestDatabase.password(), 2)
                .build(new MetricRegistry(), "tz-test");
        jdbi = JdbiConfigurer.configure(Jdbi.create(pool));
    }

    @AfterEach
    void restore() throws Exception {
        TimeZone.setDefault(original);
        pool.stop();
    }

    @Test
    void storesInstantsAsUtcWallClockTimeAndReadsThemBackUnchanged() {
        Instant at = Instant.parse("2026-03-29T01:30:00.654321Z"); // inside a DST switch in Europe
        Account account = new Account(AccountId.random(), new Name("acme"), false, at);
        new JdbiAccountRepository(jdbi).insert(account);

        String stored = jdbi.withHandle(h -> h.createQuery("SELECT inserted_at::text FROM accounts WHERE id = :id")
                .bind("id", account.id()).mapTo(String.class).one());
        assertThat(stored).isEqualTo("2026-03-29 01:30:00.654321");
        assertThat(new JdbiAccountRepository(jdbi).findById(account.id())).contains(account);
        assertThat(new JdbiAccountRepository(TestDatabase.jdbi()).findById(account.id())).contains(account);
    }

    @Test
    void databaseDefaultsAreUtcToo() {
        Account account = new Account(AccountId.random(), new Name("acme"), false, Instant.now());
        new JdbiAccountRepository(jdbi).insert(account);
        new JdbiSiteRepository(jdbi).insert(new Site(SiteId.random(), account.id(), new SiteDomain("example.com"),
                ZoneId.of("Etc/UTC"), Instant.now()));
        jdbi.useHandle(h -> h.execute("UPDATE sites SET inserted_at = DEFAULT"));

        Instant byDatabase = jdbi.withHandle(h -> h.createQuery("SELECT inserted_at FROM sites").mapTo(Instant.class).one());
        String sessionZone = jdbi.withHandle(h -> h.createQuery("SHOW TimeZone").mapTo(String.class).one());

        assertThat(sessionZone).isEqualTo("UTC");
        // A zone mix-up would be off by 14 hours.
        assertThat(Duration.between(byDatabase, Instant.now()).abs()).isLessThan(Duration.ofHours(1));
    }
}
