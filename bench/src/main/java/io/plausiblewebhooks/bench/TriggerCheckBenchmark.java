package io.plausiblewebhooks.bench;

import io.plausiblewebhooks.adapter.persistence.JdbiConfigurer;
import io.plausiblewebhooks.adapter.persistence.events.JdbiStatsQuery;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.adapter.persistence.trigger.JdbiTriggerFiringStore;
import io.plausiblewebhooks.application.port.in.CheckWebhookTriggersUseCase.CheckReport;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.application.service.trigger.CheckWebhookTriggersService;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One trigger check over many triggers with live traffic, on the embedded PostgreSQL: 10,000 sites,
 * 100,000 enabled triggers (visitor_spike, goal_completion, traffic_drop, and a share of event_burst
 * that is skipped because that plugin is not installed here), ~1.2 million events of the last 12 hours.
 * Prints the duration of the first check (which fires many triggers) and of steady-state checks, and
 * the number of SQL statements per check — measured again with a tenth of the triggers to show it
 * does not grow with them.
 *
 * <p>Run as described in BENCHMARKS.md; arguments: sites (default 10000), triggers (default 100000).
 * {@code -Dbench.verbose=true} prints every statement with its duration, and each check's phases.
 */
public final class TriggerCheckBenchmark {
    /** Held so that its level stays set (loggers are only weakly referenced). */
    private static final java.util.logging.Logger CHECK_LOG =
            java.util.logging.Logger.getLogger(CheckWebhookTriggersService.class.getName());

    private TriggerCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int triggers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        System.out.printf("Setting up %,d sites and %,d triggers…%n", sites, triggers);
        Jdbi jdbi = JdbiConfigurer.configure(Jdbi.create(TestDatabase.dataSource()));
        AtomicInteger statements = new AtomicInteger();
        if (Boolean.getBoolean("bench.verbose")) {
            java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
            handler.setLevel(java.util.logging.Level.FINE);
            CHECK_LOG.setLevel(java.util.logging.Level.FINE);
            CHECK_LOG.setUseParentHandlers(false);
            CHECK_LOG.addHandler(handler);
        }
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
                if (Boolean.getBoolean("bench.verbose")) {
                    String sql = context.getRenderedSql().replaceAll("\\s+", " ").trim();
                    System.out.printf("    %6d ms  %s%n", context.getElapsedTime(java.time.temporal.ChronoUnit.MILLIS),
                            sql.substring(0, Math.min(90, sql.length())));
                }
            }

            @Override
            public void logException(StatementContext context, SQLException ex) {
                statements.incrementAndGet();
            }
        });

        // The smaller run first also warms up the JIT for the larger one; both run the same checks.
        int checks = Integer.getInteger("bench.checks", 5);
        Result small = run(jdbi, statements, sites / 10, triggers / 10, checks);
        Result large = run(jdbi, statements, sites, triggers, checks);

        System.out.println();
        System.out.printf("%,d triggers on %,d sites: first check %d ms (%,d fired), steady-state median %d ms, max %d ms;"
                + " SQL statements per check %s%n", large.triggers, large.sites, large.firstMillis, large.firstFired,
                large.medianMillis, large.maxMillis, large.statementsPerCheck);
        System.out.printf("%,d triggers on %,d sites: first check %d ms, steady-state median %d ms;"
                + " SQL statements per check %s%n", small.triggers, small.sites, small.firstMillis, small.medianMillis,
                small.statementsPerCheck);
        System.out.printf("Statements per check (first, then each steady check) with 10x the triggers: %s vs %s"
                + " (independent of the number of triggers: %s)%n",
                large.statementsPerCheck, small.statementsPerCheck, large.statementsPerCheck.equals(small.statementsPerCheck));
        System.exit(0);
    }

    private record Result(int sites, int triggers, long firstMillis, int firstFired, long medianMillis, long maxMillis,
                          List<Integer> statementsPerCheck) {
    }

    private static Result run(Jdbi jdbi, AtomicInteger statements, int sites, int triggers, int steadyChecks) {
        TestDatabase.truncateAll();
        long setup = System.nanoTime();
        populate(jdbi, sites, triggers);
        System.out.printf("Populated %,d sites / %,d triggers in %d ms%n", sites, triggers, (System.nanoTime() - setup) / 1_000_000);
        CheckWebhookTriggersService checker = new CheckWebhookTriggersService(
                TriggerTypeRegistry.load(TriggerCheckBenchmark.class.getClassLoader(), null),
                new JdbiTriggerFiringStore(jdbi), new JdbiStatsQuery(jdbi), Clock.systemUTC());

        statements.set(0);
        long start = System.nanoTime();
        CheckReport first = checker.checkTriggers();
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("  first check: %d ms, %s, %d statements%n", firstMillis, first, statements.get());

        List<Long> times = new ArrayList<>();
        List<Integer> perCheck = new ArrayList<>(List.of(statements.get()));
        for (int i = 0; i < steadyChecks; i++) {
            // New conversions keep arriving between checks, as with live traffic.
            jdbi.useHandle(h -> h.execute("INSERT INTO events (site_id, timestamp, name, pathname, visitor_id)"
                    + " SELECT id, now() AT TIME ZONE 'UTC', 'Signup', '/signup', (random() * 1e9)::bigint FROM sites"));
            statements.set(0);
            long t = System.nanoTime();
            CheckReport report = checker.checkTriggers();
            long millis = (System.nanoTime() - t) / 1_000_000;
            perCheck.add(statements.get());
            times.add(millis);
            System.out.printf("  check %d: %d ms, %s, %d statements%n", i + 1, millis, report, statements.get());
        }
        Collections.sort(times);
        return new Result(sites, triggers, firstMillis, first.fired(), times.get(times.size() / 2),
                times.get(times.size() - 1), perCheck);
    }

    /**
     * Per site: one account, one webhook, one event goal and one page goal, and triggers/sites triggers
     * cycling through the types. Traffic: 100 events per site over 12 hours, 5 of them in the last 5 minutes.
     */
    private static void populate(Jdbi jdbi, int sites, int triggers) {
        int perSite = Math.max(1, triggers / sites);
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO accounts (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'bench')");
            h.execute("CREATE TEMP TABLE bench_sites AS SELECT gen_random_uuid() AS id, i FROM generate_series(1, ?) AS i", sites);
            h.execute("INSERT INTO sites (id, account_id, domain) SELECT id, '00000000-0000-0000-0000-000000000001',"
                    + " 'site' || i || '.example.com' FROM bench_sites");
            h.execute("INSERT INTO webhooks (id, site_id, name, url, secret) SELECT id, id, 'hook',"
                    + " 'https://hooks.example.com/' || i, 'secret-0123456789abcdef' FROM bench_sites");
            h.execute("INSERT INTO goals (id, site_id, event_name, display_name) SELECT gen_random_uuid(), id, 'Signup', 'Signup' FROM bench_sites");
            h.execute("INSERT INTO goals (id, site_id, page_path, display_name) SELECT gen_random_uuid(), id, '/blog/*', 'Blog' FROM bench_sites");
            // Types in rotation: 0-3 visitor_spike (thresholds 3..30), 4-6 goal_completion, 7-8 traffic_drop, 9 event_burst.
            h.execute("INSERT INTO webhook_triggers (id, webhook_id, trigger_type, threshold, goal_id, inserted_at)"
                    + " SELECT gen_random_uuid(), s.id,"
                    + "   CASE WHEN k % 10 < 4 THEN 'visitor_spike' WHEN k % 10 < 7 THEN 'goal_completion'"
                    + "        WHEN k % 10 < 9 THEN 'traffic_drop' ELSE 'event_burst' END,"
                    + "   CASE WHEN k % 10 < 4 THEN 3 + (k % 4) * 9 WHEN k % 10 < 7 THEN 1 + k % 3 ELSE 50 END,"
                    + "   CASE WHEN k % 10 BETWEEN 4 AND 6 THEN (SELECT g.id FROM goals g WHERE g.site_id = s.id"
                    + "        ORDER BY g.event_name NULLS LAST LIMIT 1 OFFSET (k % 2)) END,"
                    + "   (now() AT TIME ZONE 'UTC') - interval '1 day'"
                    + " FROM bench_sites s, generate_series(0, ? - 1) AS k", perSite);
            h.execute("INSERT INTO events (site_id, timestamp, name, pathname, source, visitor_id)"
                    + " SELECT s.id, (now() AT TIME ZONE 'UTC') - (e * interval '7 minutes'),"
                    + "   CASE WHEN e % 10 = 0 THEN 'Signup' ELSE 'pageview' END,"
                    + "   CASE WHEN e % 3 = 0 THEN '/blog/post-' || e ELSE '/' END,"
                    + "   CASE WHEN e % 4 = 0 THEN 'Google' WHEN e % 4 = 1 THEN 'Twitter' END, (s.i * 1000 + e % 60)"
                    + " FROM bench_sites s, generate_series(1, 95) AS e");
            h.execute("INSERT INTO events (site_id, timestamp, name, pathname, source, visitor_id)"
                    + " SELECT s.id, (now() AT TIME ZONE 'UTC') - (e * interval '40 seconds'), 'pageview', '/pricing', 'Google',"
                    + "   (s.i * 1000 + 500 + e * (s.i % 7))"
                    + " FROM bench_sites s, generate_series(1, 5) AS e");
            h.execute("DROP TABLE bench_sites");
            h.execute("ANALYZE");
        });
    }
}
