package io.plausiblewebhooks.application.service.trigger;

import io.plausiblewebhooks.application.port.in.CheckWebhookTriggersUseCase;
import io.plausiblewebhooks.application.port.out.StatsQuery;
import io.plausiblewebhooks.application.port.out.TriggerMetrics;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore.ActiveTrigger;
import io.plausiblewebhooks.application.port.out.TriggerFiringStore.PendingFiring;
import io.plausiblewebhooks.application.service.TriggerTypeRegistry;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.GoalRef;
import io.plausiblewebhooks.trigger.spi.SiteRef;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The periodic trigger check. One read loads every active trigger; each type's plugin evaluates all of
 * its triggers in one batch against bulk statistics; each type's firings are then written in one
 * statement, each guarded by the firing state it was evaluated on, so that concurrent checkers (several
 * instances on one database) never fire a trigger twice for one episode. The number of database round
 * trips per check depends on the number of trigger types, not on the number of triggers.
 *
 * <p>A type's firings are written on other threads while the next type is evaluated: the database
 * writes one batch while the statistics of the next are read and evaluated, instead of each waiting for
 * the other. Each batch is written as up to {@value #WRITERS} statements at once, on as many connections,
 * so that the database writes on more than one core (whatever the number of firings, so that the number
 * of statements per check stays independent of the number of triggers).
 */
public final class CheckWebhookTriggersService implements CheckWebhookTriggersUseCase {
    private static final System.Logger LOG = System.getLogger(CheckWebhookTriggersService.class.getName());
    static final int WRITERS = 2;

    private final TriggerTypeRegistry registry;
    private final TriggerFiringStore store;
    private final StatsQuery stats;
    private final Clock clock;
    private final TriggerMetrics metrics;

    public CheckWebhookTriggersService(TriggerTypeRegistry registry, TriggerFiringStore store, StatsQuery stats, Clock clock) {
        this(registry, store, stats, clock, TriggerMetrics.NONE);
    }

    public CheckWebhookTriggersService(TriggerTypeRegistry registry, TriggerFiringStore store, StatsQuery stats, Clock clock,
                                       TriggerMetrics metrics) {
        this.metrics = metrics;
        this.registry = registry;
        this.store = store;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public CheckReport checkTriggers() {
        long started = System.nanoTime(); // elapsed time, not business time: not the injected clock
        Instant now = clock.instant();
        List<ActiveTrigger> active = store.loadActive();
        Map<String, Long> phases = new LinkedHashMap<>();
        long mark = lap(phases, "load", started);
        Map<String, List<ActiveTrigger>> byType = new TreeMap<>();
        Map<UUID, Goal> goals = new HashMap<>();
        for (ActiveTrigger trigger : active) {
            byType.computeIfAbsent(trigger.trigger().type().value(), t -> new ArrayList<>()).add(trigger);
            if (trigger.goal() != null) {
                goals.put(trigger.goal().id().value(), trigger.goal());
            }
        }
        StatsQuery check = stats.forCheck(now);
        StatsQueryView view = new StatsQueryView(check, now, goals);
        List<PendingFiring> pending = new ArrayList<>();
        Map<String, Integer> evaluatedByType = new TreeMap<>();
        int evaluated = 0;
        int failedTypes = 0;
        List<Future<Set<TriggerId>>> writes = new ArrayList<>();
        ExecutorService writer = Executors.newFixedThreadPool(WRITERS, CheckWebhookTriggersService::writerThread);
        try {
            for (Map.Entry<String, List<ActiveTrigger>> group : byType.entrySet()) {
                TypeOutcome outcome = evaluateType(group.getKey(), group.getValue(), view, check, now);
                if (outcome == null) {
                    continue;
                }
                if (outcome.failed()) {
                    failedTypes++;
                } else {
                    evaluated += outcome.evaluated();
                    evaluatedByType.put(group.getKey(), outcome.evaluated());
                }
                pending.addAll(outcome.firings());
                for (List<PendingFiring> part : parts(outcome.firings())) {
                    writes.add(writer.submit(() -> store.recordFirings(part)));
                }
                mark = lap(phases, group.getKey(), mark);
            }
        } finally {
            writer.shutdown();
        }
        finishCheck(check);
        Set<TriggerId> fired = awaitAll(writes);
        lap(phases, "remaining writes", mark);
        LOG.log(Level.DEBUG, "Trigger check phases (ms): {0}", phases);
        int lost = pending.size() - fired.size();
        if (lost > 0) {
            LOG.log(Level.INFO, "{0} firing(s) were already recorded by another checker", lost);
        }
        report(evaluatedByType, pending, fired, System.nanoTime() - started);
        return new CheckReport(active.size(), evaluated, fired.size(), lost, failedTypes);
    }

    /** The statements a type's firings are written in: {@link #WRITERS} parts, fewer only for fewer firings. */
    static List<List<PendingFiring>> parts(List<PendingFiring> firings) {
        if (firings.isEmpty()) {
            return List.of();
        }
        int size = (firings.size() + WRITERS - 1) / WRITERS;
        List<List<PendingFiring>> parts = new ArrayList<>(WRITERS);
        for (int from = 0; from < firings.size(); from += size) {
            parts.add(firings.subList(from, Math.min(firings.size(), from + size)));
        }
        return parts;
    }

    private static Thread writerThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "trigger-check-writer");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The triggers fired by all the writes. Every write is waited for, so none is still running when the
     * check ends; a failed write fails the check after that (the others' firings stay recorded).
     */
    private static Set<TriggerId> awaitAll(List<Future<Set<TriggerId>>> writes) {
        Set<TriggerId> fired = new HashSet<>();
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<Set<TriggerId>> write : writes) {
            while (true) {
                try {
                    fired.addAll(write.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish waiting: the write is running and will end on its own
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("Recording firings failed", e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return fired;
    }

    /** Records the milliseconds since {@code from} under {@code phase}; returns the time now. */
    private static long lap(Map<String, Long> phases, String phase, long from) {
        long time = System.nanoTime();
        phases.put(phase, (time - from) / 1_000_000);
        return time;
    }

    /** @param evaluated how many triggers the plugin evaluated; failed: the plugin threw (nothing fires) */
    private record TypeOutcome(int evaluated, boolean failed, List<PendingFiring> firings) {
    }

    /** One type's triggers evaluated by its plugin; null when no plugin of the type is loaded. */
    private TypeOutcome evaluateType(String type, List<ActiveTrigger> triggers, StatsQueryView view, StatsQuery check,
                                     Instant now) {
        Optional<TriggerPlugin> plugin = registry.find(type);
        if (plugin.isEmpty()) {
            LOG.log(Level.WARNING, "{0} trigger(s) of type {1} are not checked: no plugin of that type is loaded",
                    triggers.size(), type);
            return null;
        }
        try {
            Batch batch = batchFor(plugin.get(), triggers, now);
            if (batch.checked().isEmpty()) {
                return new TypeOutcome(0, false, List.of());
            }
            List<Firing> firings = withoutMissingData(plugin.get().evaluate(batch.checked(), view),
                    batch.byId(), check.unavailableSites());
            return new TypeOutcome(batch.checked().size(), false, toPendingFirings(type, firings, batch.byId(), now));
        } catch (RuntimeException | LinkageError e) {
            // One faulty plugin must not stop the others.
            metrics.evaluated(type, TriggerMetrics.Result.ERROR, triggers.size());
            LOG.log(Level.ERROR, "Trigger type " + type + " failed during the check; its triggers were skipped", e);
            return new TypeOutcome(0, true, List.of());
        }
    }

    /**
     * Drops the firings of triggers whose site's statistics could not be read in this check: a
     * missing number is not zero, so nothing is decided on it (the plugin may not know).
     */
    private static List<Firing> withoutMissingData(List<Firing> firings, Map<UUID, ActiveTrigger> byId,
                                                   Set<SiteId> unavailable) {
        if (unavailable.isEmpty() || firings.isEmpty()) {
            return firings;
        }
        List<Firing> kept = new ArrayList<>(firings.size());
        for (Firing firing : firings) {
            ActiveTrigger trigger = byId.get(firing.triggerId());
            if (trigger != null && unavailable.contains(trigger.siteId())) {
                LOG.log(Level.DEBUG, "Trigger {0} is not fired: the statistics of its site are unavailable", firing.triggerId());
                continue;
            }
            kept.add(firing);
        }
        return kept;
    }

    /** Records which sources answered; a failure to record must not lose the firings of this check. */
    private static void finishCheck(StatsQuery check) {
        try {
            check.finish();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the outcome of the stats sources of this check", e);
        }
    }

    /** Per type: the triggers that fired here, and the rest of those evaluated (a firing lost to another checker is quiet here). */
    private void report(Map<String, Integer> evaluatedByType, List<PendingFiring> pending, Set<TriggerId> fired, long nanos) {
        Map<String, Integer> firedByType = new HashMap<>();
        for (PendingFiring firing : pending) {
            if (fired.contains(firing.evaluated().id())) {
                firedByType.merge(firing.eventType(), 1, Integer::sum);
            }
        }
        evaluatedByType.forEach((type, count) -> {
            int firedCount = firedByType.getOrDefault(type, 0);
            metrics.evaluated(type, TriggerMetrics.Result.FIRED, firedCount);
            metrics.evaluated(type, TriggerMetrics.Result.QUIET, count - firedCount);
        });
        metrics.checkCompleted(Duration.ofNanos(nanos));
    }

    private record Batch(List<CheckedTrigger> checked, Map<UUID, ActiveTrigger> byId) {
    }

    /** The triggers the plugin evaluates: valid ones whose cooldown is over. */
    private static Batch batchFor(TriggerPlugin plugin, List<ActiveTrigger> triggers, Instant now) {
        List<CheckedTrigger> checked = new ArrayList<>(triggers.size());
        Map<UUID, ActiveTrigger> byId = new HashMap<>(triggers.size() * 2);
        // Many triggers share a site or a goal: one reference each (fewer objects live through the check).
        Map<SiteId, SiteRef> sites = new HashMap<>();
        Map<UUID, GoalRef> goals = new HashMap<>();
        for (ActiveTrigger active : triggers) {
            WebhookTrigger trigger = active.trigger();
            TriggerConfig config = new TriggerConfig(
                    trigger.threshold() == null ? null : trigger.threshold().value(),
                    trigger.goalId() == null ? null : trigger.goalId().value(),
                    trigger.params());
            if (inCooldown(trigger.lastFiredAt(), plugin.cooldown(config), now)) {
                continue;
            }
            if (!plugin.validate(config).isEmpty()) {
                LOG.log(Level.DEBUG, "Trigger {0} is not checked: its configuration is no longer valid", trigger.id());
                continue;
            }
            SiteRef site = sites.computeIfAbsent(active.siteId(), id -> new SiteRef(id.value(), active.siteDomain().value()));
            GoalRef goal = active.goal() == null ? null
                    : goals.computeIfAbsent(active.goal().id().value(), id -> goalRef(active.goal()));
            checked.add(new CheckedTrigger(trigger.id().value(), site, config, goal, trigger.insertedAt(),
                    trigger.lastFiredAt(), trigger.watermark()));
            byId.put(trigger.id().value(), active);
        }
        return new Batch(checked, byId);
    }

    /** Silent from the firing until {@code lastFiredAt + cooldown}, exclusive. */
    static boolean inCooldown(Instant lastFiredAt, Duration cooldown, Instant now) {
        return lastFiredAt != null && cooldown != null && !cooldown.isZero() && now.isBefore(lastFiredAt.plus(cooldown));
    }

    private static GoalRef goalRef(Goal goal) {
        return new GoalRef(goal.id().value(), goal.eventName(), goal.pagePath(), goal.displayName());
    }

    private static List<PendingFiring> toPendingFirings(String type, List<Firing> firings,
                                                        Map<UUID, ActiveTrigger> byId, Instant now) {
        List<PendingFiring> pending = new ArrayList<>(firings.size());
        for (Firing firing : firings) {
            // Only triggers of this batch, each once, whatever the plugin returns.
            ActiveTrigger active = byId.remove(firing.triggerId());
            if (active == null) {
                continue;
            }
            MessageId messageId = MessageId.random();
            pending.add(new PendingFiring(active.trigger(), now, firing.watermark(), messageId, type,
                    payload(messageId, type, active, firing, now)));
        }
        return pending;
    }

    /** The webhook body of API.md: {@code id, type, timestamp, data{site, trigger, …plugin data}}. */
    static Map<String, Object> payload(MessageId messageId, String type, ActiveTrigger active, Firing firing, Instant now) {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("id", active.siteId().value().toString());
        site.put("domain", active.siteDomain().value());
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("id", active.trigger().id().value().toString());
        trigger.put("type", type);
        trigger.put("threshold", active.trigger().threshold() == null ? null : active.trigger().threshold().value());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("site", site);
        data.put("trigger", trigger);
        firing.data().forEach(data::putIfAbsent);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", messageId.external());
        body.put("type", type);
        body.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("data", data);
        return body;
    }
}
