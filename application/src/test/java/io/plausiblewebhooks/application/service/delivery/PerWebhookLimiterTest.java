package io.plausiblewebhooks.application.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PerWebhookLimiterTest {
    private final PerWebhookLimiter limiter = new PerWebhookLimiter(3);
    private final WebhookId dead = new WebhookId(UUID.randomUUID());
    private final WebhookId healthy = new WebhookId(UUID.randomUUID());
    private final List<MessageId> started = new ArrayList<>();

    private MessageId submit(WebhookId webhook) {
        MessageId id = MessageId.random();
        limiter.submit(webhook, id, () -> started.add(id));
        return id;
    }

    @Test
    void sendsOneRequestUntilTheEndpointAnswersThenUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            submit(dead);
        }
        submit(healthy);

        assertThat(started).hasSize(2); // one each: neither is known to answer yet
        assertThat(limiter.saturated()).containsExactlyInAnyOrder(dead, healthy);

        limiter.release(dead, true);

        assertThat(started).hasSize(5); // three more of the first webhook: its cap is 3 now
        assertThat(limiter.saturated()).containsExactlyInAnyOrder(dead, healthy);
        limiter.release(dead, true);
        assertThat(started).hasSize(6);
    }

    @Test
    void anEndpointThatDoesNotAnswerGetsOneRequestAtATimeAndItsWaitingWorkBack() {
        List<MessageId> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit(dead));
        }
        limiter.release(dead, true); // answered: three in flight, one waiting
        MessageId waiting1 = submitted.get(4);
        MessageId waiting2 = submit(dead);
        assertThat(started).hasSize(4).doesNotContain(waiting1, waiting2);

        List<MessageId> handedBack = limiter.release(dead, false);

        assertThat(handedBack).containsExactly(waiting1, waiting2);
        assertThat(started).hasSize(4);
        assertThat(limiter.cap(dead)).isEqualTo(1);
        // Two of its earlier requests are still in flight: saturated until they are all done.
        assertThat(limiter.saturated()).contains(dead);
        limiter.release(dead, false);
        limiter.release(dead, false);
        assertThat(limiter.saturated()).doesNotContain(dead);

        submit(dead);
        MessageId secondProbe = submit(dead);
        assertThat(started).hasSize(5).doesNotContain(secondProbe);
        assertThat(limiter.saturated()).contains(dead);
    }

    @Test
    void anAnswerRestoresTheFullCap() {
        submit(dead);
        limiter.release(dead, false);
        assertThat(limiter.cap(dead)).isEqualTo(1);
        submit(dead);
        submit(dead);
        submit(dead);
        assertThat(started).hasSize(2);

        limiter.release(dead, true); // any status counts as an answer: the endpoint is reachable

        assertThat(limiter.cap(dead)).isEqualTo(3);
        assertThat(started).hasSize(4); // both waiting ones start at once
        assertThat(limiter.inFlight()).isEqualTo(2);
    }

    @Test
    void anIdleSuspectEndpointStaysAtOneRequest() {
        submit(dead);
        limiter.release(dead, false);
        assertThat(limiter.inFlight()).isZero();

        assertThat(limiter.cap(dead)).isEqualTo(1);
    }
}
