package io.plausiblewebhooks.adapter.rest;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.SiteId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST adapter alone on a real Jetty/Jersey: its filters, reader and mapper, with the sites
 * resource over an in-memory stand-in of the use cases (the services are tested on their own, and
 * the whole application against PostgreSQL in the app module).
 */
public class RestTestApplication extends Application<Configuration> {
    static final AccountId ACCOUNT_A = new AccountId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    static final AccountId ACCOUNT_B = new AccountId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    static final String KEY_A = "pwk_test_key_a";
    static final String KEY_B = "pwk_test_key_b";
    /** A domain whose creation fails unexpectedly, to see how a 500 answers. */
    static final String EXPLODING_DOMAIN = "explode.example.com";

    final Map<SiteId, Site> sites = new ConcurrentHashMap<>();

    @Override
    public void run(Configuration configuration, Environment environment) {
        Map<String, AccountId> keys = Map.of(KEY_A, ACCOUNT_A, KEY_B, ACCOUNT_B);
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new ProblemErrorHandler()));
        environment.jersey().register(new ProblemExceptionMapper());
        environment.jersey().register(new BodyLimitFilter());
        environment.jersey().register(new SecurityHeadersFilter());
        environment.jersey().register(new StrictJsonReader());
        environment.jersey().register(new ApiKeyAuthFilter(key -> Optional.ofNullable(keys.get(key))));
        environment.jersey().register(new SitesResource(
                command -> {
                    if (command.domain().value().equals(EXPLODING_DOMAIN)) {
                        throw new IllegalStateException("database password is hunter2");
                    }
                    if (sites.values().stream().anyMatch(s -> s.domain().equals(command.domain()))) {
                        throw new ConflictException("domain", "a site with this domain exists already");
                    }
                    Site site = new Site(SiteId.random(), command.caller(), command.domain(), command.timezone(),
                            Instant.parse("2026-02-26T10:00:00.123456Z"),
                            command.statsSource() == null ? StatsSource.local()
                                    : command.statsSource().resolve(StatsSource.local()), null);
                    sites.put(site.id(), site);
                    return site;
                },
                caller -> sites.values().stream().filter(s -> s.accountId().equals(caller)).toList(),
                (caller, id) -> Optional.ofNullable(sites.get(id)).filter(s -> s.accountId().equals(caller))
                        .orElseThrow(() -> new NotFoundException("site")),
                command -> {
                    Site current = Optional.ofNullable(sites.get(command.site()))
                            .filter(s -> s.accountId().equals(command.caller()))
                            .orElseThrow(() -> new NotFoundException("site"));
                    Site updated = command.statsSource() == null ? current
                            : current.withStatsSource(command.statsSource().resolve(current.statsSource()));
                    sites.put(updated.id(), updated);
                    return updated;
                },
                (caller, id) -> {
                    if (!sites.containsKey(id) || !sites.get(id).accountId().equals(caller)) {
                        throw new NotFoundException("site");
                    }
                    sites.remove(id);
                }));
    }
}
