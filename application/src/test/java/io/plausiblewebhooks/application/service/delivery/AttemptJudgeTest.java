package io.plausiblewebhooks.application.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.application.port.out.AttemptRecord;
import io.plausiblewebhooks.application.port.out.AttemptRecord.MessageState;
import io.plausiblewebhooks.application.port.out.ClaimedMessage;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptJudgeTest {
    private static final Instant NOW = Instant.parse("2026-02-26T10:00:00Z");
    private static final List<Duration> SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30));

    private double randomValue = 0.5; // the middle of the jitter range: no jitter
    private final AttemptJudge judge = new AttemptJudge(new RetryPolicy(SCHEDULE, () -> randomValue));

    private static ClaimedMessage message(int attemptsMade) {
        return new ClaimedMessage(MessageId.random(), WebhookId.random(), null, "{\"id\":1}", attemptsMade,
                new WebhookUrl("https://hooks.example.com/x"), List.of(new Secret("a-secret-of-enough-length")), true);
    }

    @Test
    void aSuccessDeliversTheMessageAndLogsTheAttempt() {
        AttemptRecord record = judge.judge(message(0), SendResult.response(204, "", null, 12), NOW, true);

        assertThat(record.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(record.delivery().success()).isTrue();
        assertThat(record.delivery().attempt()).isEqualTo(1);
        assertThat(record.delivery().statusCode()).isEqualTo(204);
        assertThat(record.delivery().durationMs()).isEqualTo(12);
        assertThat(record.delivery().errorMessage()).isNull();
    }

    @Test
    void aServerErrorRetriesOnTheScheduleForTheNextAttempt() {
        AttemptRecord first = judge.judge(message(0), SendResult.response(500, "boom", null, 3), NOW, true);
        AttemptRecord second = judge.judge(message(1), SendResult.response(500, "boom", null, 3), NOW, true);

        assertThat(first.state()).isEqualTo(MessageState.PENDING);
        assertThat(first.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(first.delivery().errorMessage()).isEqualTo("HTTP 500");
        assertThat(second.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void theDelayVariesByAtMostTenPercent() {
        randomValue = 0.0;
        Instant earliest = judge.judge(message(2), SendResult.failure("connection refused", 1), NOW, true).nextAttemptAt();
        randomValue = 0.999999;
        Instant latest = judge.judge(message(2), SendResult.failure("connection refused", 1), NOW, true).nextAttemptAt();

        assertThat(earliest).isEqualTo(NOW.plus(Duration.ofMinutes(27)));
        assertThat(latest).isBetween(NOW.plus(Duration.ofMinutes(33)).minusSeconds(1), NOW.plus(Duration.ofMinutes(33)));
    }

    @Test
    void theMessageFailsAfterItsLastScheduledAttempt() {
        AttemptRecord record = judge.judge(message(3), SendResult.response(500, "", null, 1), NOW, true);

        assertThat(record.state()).isEqualTo(MessageState.FAILED);
        assertThat(record.delivery().attempt()).isEqualTo(4);
        assertThat(record.nextAttemptAt()).isNull();
    }

    @Test
    void goneFailsTheMessageAndDisablesTheWebhook() {
        AttemptRecord record = judge.judge(message(0), SendResult.response(410, "", null, 1), NOW, true);

        assertThat(record.state()).isEqualTo(MessageState.FAILED);
        assertThat(record.disableWebhook()).isEqualTo(AttemptJudge.GONE_REASON);
    }

    @Test
    void aRedirectIsAFailedAttempt() {
        AttemptRecord record = judge.judge(message(0), SendResult.response(302, "", null, 1), NOW, true);

        assertThat(record.delivery().success()).isFalse();
        assertThat(record.delivery().errorMessage()).contains("redirects are not followed");
        assertThat(record.state()).isEqualTo(MessageState.PENDING);
    }

    @Test
    void retryAfterIsHonouredUpToTwoHoursBeyondTheSchedule() {
        AttemptRecord asked = judge.judge(message(0), SendResult.response(429, "", Duration.ofMinutes(10), 1), NOW, true);
        AttemptRecord capped = judge.judge(message(0), SendResult.response(503, "", Duration.ofDays(2), 1), NOW, true);
        AttemptRecord shorter = judge.judge(message(1), SendResult.response(503, "", Duration.ofSeconds(1), 1), NOW, true);
        AttemptRecord ignoredOn500 = judge.judge(message(0), SendResult.response(500, "", Duration.ofMinutes(10), 1), NOW, true);

        assertThat(asked.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(capped.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5).plus(Duration.ofHours(2)));
        assertThat(shorter.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(ignoredOn500.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void aTestEventGetsOneAttemptOnly() {
        AttemptRecord record = judge.judge(message(0), SendResult.response(500, "", null, 1), NOW, false);

        assertThat(record.state()).isEqualTo(MessageState.FAILED);
    }

    @Test
    void aDisabledWebhooksMessageIsSettledWithoutAnAttempt() {
        AttemptRecord record = judge.notSent(message(1), NOW);

        assertThat(record.delivery()).isNull();
        assertThat(record.state()).isEqualTo(MessageState.FAILED);
        assertThat(record.lastError()).isEqualTo(AttemptJudge.DISABLED_WEBHOOK);
    }
}
