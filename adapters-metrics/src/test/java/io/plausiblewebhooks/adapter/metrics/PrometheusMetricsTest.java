package io.plausiblewebhooks.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.plausiblewebhooks.application.port.out.DeliveryMetrics.Outcome;
import io.plausiblewebhooks.application.port.out.DeliveryMetrics.DisableReason;
import io.plausiblewebhooks.application.port.out.QueueStatistics;
import io.plausiblewebhooks.application.port.out.TriggerMetrics.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void countsDeliveriesByOutcomeAndTimesTheSentOnesInAHistogram() {
        MicrometerDeliveryMetrics delivery = new MicrometerDeliveryMetrics(metrics.registry());

        delivery.attemptRecorded(Outcome.SUCCESS, Duration.ofMillis(30));
        delivery.attemptRecorded(Outcome.SUCCESS, Duration.ofMillis(40));
        delivery.attemptRecorded(Outcome.FAILURE, Duration.ofMillis(700));
        delivery.attemptRecorded(Outcome.GAVE_UP, Duration.ZERO);
        delivery.webhooksDisabled(DisableReason.GONE, 1);
        delivery.webhooksDisabled(DisableReason.FAILING, 2);
        delivery.webhooksDisabled(DisableReason.FAILING, 0);

        String text = metrics.scrape();
        assertThat(text)
                .contains("webhook_deliveries_total{outcome=\"success\"} 2.0")
                .contains("webhook_deliveries_total{outcome=\"failure\"} 1.0")
                .contains("webhook_deliveries_total{outcome=\"gave_up\"} 1.0")
                .contains("# TYPE webhook_delivery_duration_seconds histogram")
                .contains("webhook_delivery_duration_seconds_bucket{le=\"0.05\"} 2")
                .contains("webhook_delivery_duration_seconds_bucket{le=\"1.0\"} 3")
                .contains("webhook_delivery_duration_seconds_count 3")
                .contains("webhook_webhooks_disabled_total{reason=\"gone\"} 1.0")
                .contains("webhook_webhooks_disabled_total{reason=\"failing\"} 2.0");
    }

    @Test
    void showsEveryOutcomeBeforeItHappens() {
        new MicrometerDeliveryMetrics(metrics.registry());

        assertThat(metrics.scrape()).contains("webhook_deliveries_total{outcome=\"gave_up\"} 0.0")
                .contains("webhook_webhooks_disabled_total{reason=\"failing\"} 0.0");
    }

    @Test
    void countsTriggerEvaluationsByTypeAndResultAndIngestedEvents() {
        MicrometerTriggerMetrics triggers = new MicrometerTriggerMetrics(metrics.registry(), List.of("visitor_spike"));
        MicrometerIngestMetrics ingest = new MicrometerIngestMetrics(metrics.registry());

        triggers.evaluated("visitor_spike", Result.FIRED, 2);
        triggers.evaluated("goal_completion", Result.QUIET, 5);
        triggers.checkCompleted(Duration.ofMillis(120));
        ingest.eventsIngested(3);

        assertThat(metrics.scrape())
                .contains("webhook_trigger_evaluations_total{result=\"fired\",type=\"visitor_spike\"} 2.0")
                .contains("webhook_trigger_evaluations_total{result=\"error\",type=\"visitor_spike\"} 0.0")
                .contains("webhook_trigger_evaluations_total{result=\"quiet\",type=\"goal_completion\"} 5.0")
                .contains("webhook_trigger_check_duration_seconds_count 1")
                .contains("webhook_events_ingested_total 3.0");
    }

    @Test
    void readsTheQueueOncePerCachePeriodAndShowsNanWhenTheDatabaseFails() {
        AtomicInteger reads = new AtomicInteger();
        boolean[] failing = {false};
        QueueStatistics source = now -> {
            reads.incrementAndGet();
            if (failing[0]) {
                throw new IllegalStateException("database down");
            }
            return new QueueStatistics.Snapshot(42, false, Duration.ofSeconds(90));
        };
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        CachedQueueStatistics cached = new CachedQueueStatistics(source, clock, Duration.ofSeconds(1));
        QueueGauges.register(metrics.registry(), cached);

        String text = metrics.scrape();

        assertThat(text).contains("webhook_queue_depth 42.0").contains("webhook_queue_oldest_due_age_seconds 90.0");
        assertThat(reads).hasValue(1);

        failing[0] = true;
        clock.advance(Duration.ofSeconds(2));
        assertThat(metrics.scrape()).contains("webhook_queue_depth NaN");
        assertThatThrownBy(cached::current).isInstanceOf(IllegalStateException.class);

        failing[0] = false;
        assertThat(metrics.scrape()).contains("webhook_queue_depth 42.0");
    }

    @Test
    void bridgesDropwizardMetricsButLeavesJvmFiguresToMicrometer() {
        MetricRegistry dropwizard = new MetricRegistry();
        dropwizard.meter("io.dropwizard.jetty.MutableServletContextHandler.2xx-responses").mark(3);
        DropwizardMetricsBridge.bridge(dropwizard, metrics.registry());
        dropwizard.counter("io.dropwizard.jetty.MutableServletContextHandler.active-requests").inc(2);
        dropwizard.timer("org.example.Dao.find").update(Duration.ofMillis(20));
        dropwizard.gauge("jvm.memory.heap.used", () -> () -> 1);

        String text = metrics.scrape();

        assertThat(text)
                .contains("io_dropwizard_jetty_MutableServletContextHandler_2xx_responses_total 3.0")
                .contains("io_dropwizard_jetty_MutableServletContextHandler_active_requests 2.0")
                .contains("org_example_Dao_find_total 1.0")
                .contains("org_example_Dao_find_p99_seconds 0.02")
                .doesNotContain("jvm_memory_heap_used")
                .contains("jvm_memory_used_bytes");

        dropwizard.remove("org.example.Dao.find");
        assertThat(metrics.scrape()).doesNotContain("org_example_Dao_find");
    }

    @Test
    void followsADropwizardMetricThatWasReplaced() {
        MetricRegistry dropwizard = new MetricRegistry();
        DropwizardMetricsBridge.bridge(dropwizard, metrics.registry());
        dropwizard.meter("handler.4xx-responses").mark();
        dropwizard.remove("handler.4xx-responses");
        dropwizard.meter("handler.4xx-responses").mark(5);
        assertThat(metrics.scrape()).contains("handler_4xx_responses_total 5.0");

        System.gc(); // the bridged readers must stay reachable (Micrometer holds them weakly)
        dropwizard.meter("handler.4xx-responses").mark();
        assertThat(metrics.scrape()).contains("handler_4xx_responses_total 6.0");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
