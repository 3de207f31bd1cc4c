package io.plausiblewebhooks.trigger.spi.testing;

import io.plausiblewebhooks.trigger.spi.GoalRef;
import io.plausiblewebhooks.trigger.spi.StatsView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@link StatsView} over events held in memory, so that a plugin can be tested without the server:
 * record events, set the clock, evaluate a batch. It follows the contract of the real one, including
 * watermarks: every event gets a sequence number when it is written, an event written but not yet
 * committed ({@link #addUncommitted}) is invisible, and a watermark never passes the oldest
 * uncommitted event — so a late event is counted once, after it commits. Not thread-safe.
 */
public final class InMemoryStatsView implements StatsView {
    /** Plausible's window for "current visitors". */
    public static final Duration CURRENT_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final List<StoredEvent> events = new ArrayList<>();
    private long nextSequence = 1;
    private int queries;
    private final Set<UUID> unavailable = new HashSet<>();

    public InMemoryStatsView(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One stored event. {@code source} is null for direct traffic. */
    public record StoredEvent(UUID siteId, Instant at, String name, String path, String source, long visitorId,
                              long sequence, boolean committed) {
        StoredEvent commit() {
            return new StoredEvent(siteId, at, name, path, source, visitorId, sequence, true);
        }
    }

    /** Records a committed pageview at the clock's current time. */
    public InMemoryStatsView pageview(UUID siteId, long visitorId, String path, String source) {
        return add(siteId, clock.instant(), "pageview", path, source, visitorId);
    }

    /** Records a committed custom event at the clock's current time. */
    public InMemoryStatsView event(UUID siteId, long visitorId, String name) {
        return add(siteId, clock.instant(), name, "/", null, visitorId);
    }

    public InMemoryStatsView add(UUID siteId, Instant at, String name, String path, String source, long visitorId) {
        events.add(new StoredEvent(siteId, at, name, path, source, visitorId, nextSequence++, true));
        return this;
    }

    /** Writes an event whose transaction has not committed yet; returns its sequence for {@link #commit}. */
    public long addUncommitted(UUID siteId, Instant at, String name, String path, long visitorId) {
        long sequence = nextSequence++;
        events.add(new StoredEvent(siteId, at, name, path, null, visitorId, sequence, false));
        return sequence;
    }

    public void commit(long sequence) {
        events.replaceAll(e -> e.sequence() == sequence ? e.commit() : e);
    }

    /** How many bulk questions were asked: a plugin asks a fixed number per batch, whatever its size. */
    /** The site's source "fails": it is absent from visitor counts and listed by {@link #unavailableSites()}. */
    public InMemoryStatsView markUnavailable(UUID siteId) {
        unavailable.add(siteId);
        return this;
    }

    @Override
    public Set<UUID> unavailableSites() {
        return Set.copyOf(unavailable);
    }

    public int queries() {
        return queries;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Map<UUID, Long> currentVisitors(Set<UUID> siteIds) {
        return visitors(siteIds, CURRENT_WINDOW);
    }

    @Override
    public Map<UUID, Long> visitors(Set<UUID> siteIds, Duration window) {
        queries++;
        Map<UUID, Set<Long>> visitors = new HashMap<>();
        for (StoredEvent e : visits(siteIds, window)) {
            visitors.computeIfAbsent(e.siteId(), s -> new HashSet<>()).add(e.visitorId());
        }
        Map<UUID, Long> counts = new HashMap<>();
        visitors.forEach((site, set) -> counts.put(site, (long) set.size()));
        counts.keySet().removeAll(unavailable);
        return counts;
    }

    @Override
    public Map<UUID, List<NamedCount>> topSources(Set<UUID> siteIds, Duration window, int limit) {
        queries++;
        return top(siteIds, window, limit, true);
    }

    @Override
    public Map<UUID, List<NamedCount>> topPages(Set<UUID> siteIds, Duration window, int limit) {
        queries++;
        return top(siteIds, window, limit, false);
    }

    @Override
    public Map<UUID, Long> eventCounts(Collection<EventCountQuery> queryList) {
        queries++;
        Map<UUID, Long> counts = new HashMap<>();
        for (EventCountQuery q : queryList) {
            Instant from = now().minus(q.window());
            long count = events.stream()
                    .filter(e -> e.committed() && e.siteId().equals(q.siteId()) && e.name().equals(q.eventName()))
                    .filter(e -> !e.at().isBefore(from) && !e.at().isAfter(now()))
                    .count();
            if (count > 0) {
                counts.put(q.key(), count);
            }
        }
        return counts;
    }

    @Override
    public Map<UUID, Conversions> goalConversions(Collection<ConversionQuery> queryList) {
        queries++;
        long watermark = events.stream().filter(e -> !e.committed()).mapToLong(StoredEvent::sequence)
                .min().orElse(nextSequence);
        Map<UUID, Conversions> answers = new HashMap<>();
        for (ConversionQuery q : queryList) {
            List<StoredEvent> matching = events.stream()
                    .filter(e -> e.committed() && e.sequence() < watermark && e.siteId().equals(q.siteId()))
                    .filter(e -> q.afterWatermark() != null
                            ? e.sequence() >= q.afterWatermark()
                            : !e.at().isBefore(q.notBefore()))
                    .filter(e -> matches(q.goal(), e))
                    .toList();
            Instant first = matching.stream().map(StoredEvent::at).min(Comparator.naturalOrder()).orElse(null);
            Instant last = matching.stream().map(StoredEvent::at).max(Comparator.naturalOrder()).orElse(null);
            answers.put(q.key(), new Conversions(matching.size(), first, last, watermark));
        }
        return answers;
    }

    private List<StoredEvent> visits(Set<UUID> siteIds, Duration window) {
        Instant from = now().minus(window);
        return events.stream()
                .filter(e -> e.committed() && siteIds.contains(e.siteId()) && !"engagement".equals(e.name()))
                .filter(e -> !e.at().isBefore(from) && !e.at().isAfter(now()))
                .toList();
    }

    private Map<UUID, List<NamedCount>> top(Set<UUID> siteIds, Duration window, int limit, boolean sources) {
        Map<UUID, Map<String, Set<Long>>> bySite = new HashMap<>();
        for (StoredEvent e : visits(siteIds, window)) {
            String name = sources ? e.source() : e.path();
            if (name != null) {
                bySite.computeIfAbsent(e.siteId(), s -> new HashMap<>())
                        .computeIfAbsent(name, n -> new HashSet<>()).add(e.visitorId());
            }
        }
        Map<UUID, List<NamedCount>> result = new HashMap<>();
        bySite.forEach((site, names) -> result.put(site, names.entrySet().stream()
                .map(n -> new NamedCount(n.getKey(), n.getValue().size()))
                .sorted(Comparator.comparingLong(NamedCount::visitors).reversed().thenComparing(NamedCount::name))
                .limit(limit)
                .toList()));
        return result;
    }

    private static boolean matches(GoalRef goal, StoredEvent e) {
        if (goal.eventName() != null) {
            return goal.eventName().equals(e.name());
        }
        return "pageview".equals(e.name()) && globToRegex(goal.pagePath()).matcher(e.path()).matches();
    }

    /** Plausible's page goals: {@code *} within one path segment, {@code **} across segments. */
    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                regex.append(twice ? ".*" : "[^/]*");
                i += twice ? 1 : 0;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
