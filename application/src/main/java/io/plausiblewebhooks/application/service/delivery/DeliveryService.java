package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.application.port.in.DeliveryCursor;
import io.plausiblewebhooks.application.port.in.DeliveryPage;
import io.plausiblewebhooks.application.port.in.GetDeliveryCommand;
import io.plausiblewebhooks.application.port.in.GetDeliveryUseCase;
import io.plausiblewebhooks.application.port.in.ListDeliveriesCommand;
import io.plausiblewebhooks.application.port.in.ListDeliveriesUseCase;
import io.plausiblewebhooks.application.port.in.RedeliverMessageCommand;
import io.plausiblewebhooks.application.port.in.RedeliverMessageUseCase;
import io.plausiblewebhooks.application.port.in.SendTestEventCommand;
import io.plausiblewebhooks.application.port.in.SendTestEventUseCase;
import io.plausiblewebhooks.application.port.out.AttemptRecord;
import io.plausiblewebhooks.application.port.out.ClaimedMessage;
import io.plausiblewebhooks.application.port.out.DeliveryLog;
import io.plausiblewebhooks.application.port.out.MessageQueue;
import io.plausiblewebhooks.application.port.out.OutgoingWebhook;
import io.plausiblewebhooks.application.port.out.QueuedMessage;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.application.port.out.WebhookSender;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The delivery use cases of the API: test events, redelivery, the delivery log. */
public final class DeliveryService implements SendTestEventUseCase, RedeliverMessageUseCase, ListDeliveriesUseCase,
        GetDeliveryUseCase {
    private static final String TEST_OWNER = "api-test-event";

    private final SiteRepository sites;
    private final WebhookRepository webhooks;
    private final MessageQueue queue;
    private final DeliveryLog log;
    private final WebhookSender sender;
    private final AttemptJudge judge;
    private final Clock clock;
    private final Duration sendTimeout;
    private final Runnable wakeWorkers;

    /**
     * @param sendTimeout an upper bound for one attempt (the sender's own deadline is shorter)
     * @param wakeWorkers asks the delivery workers to poll now
     */
    public DeliveryService(SiteRepository sites, WebhookRepository webhooks, MessageQueue queue, DeliveryLog log,
                           WebhookSender sender, AttemptJudge judge, Clock clock, Duration sendTimeout,
                           Runnable wakeWorkers) {
        this.sites = Objects.requireNonNull(sites, "sites");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.log = Objects.requireNonNull(log, "log");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
        this.wakeWorkers = Objects.requireNonNull(wakeWorkers, "wakeWorkers");
    }

    @Override
    public WebhookDelivery sendTestEvent(SendTestEventCommand command) {
        Site site = sites.find(command.account(), command.site()).orElseThrow(() -> new NotFoundException("site"));
        Webhook webhook = webhooks.find(site.id(), command.webhook()).orElseThrow(() -> new NotFoundException("webhook"));
        Instant now = clock.instant();
        MessageId id = MessageId.random();
        Map<String, Object> payload = WebhookPayloads.testEvent(id, site, webhook, now);
        // Stored first (claimed by no worker), so that the attempt is logged and can be redelivered like any other.
        String body = queue.enqueueClaimed(new QueuedMessage(id, webhook.id(), null, WebhookPayloads.TEST_EVENT, payload, now),
                TEST_OWNER, now.plus(sendTimeout.multipliedBy(2)));
        ClaimedMessage message = new ClaimedMessage(id, webhook.id(), null, body, 0, webhook.url(),
                webhook.signingSecrets(now), true);
        SendResult result = sendNow(message);
        AttemptRecord record = judge.judge(message, result, clock.instant(), false);
        queue.record(List.of(record), clock.instant().minus(AttemptJudge.DISABLE_AFTER_FAILING_FOR));
        return record.delivery();
    }

    private SendResult sendNow(ClaimedMessage message) {
        try {
            return sender.send(new OutgoingWebhook(message.url(), message.id(), message.payload(), message.secrets(),
                    clock.instant())).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failure("interrupted", 0);
        } catch (ExecutionException | TimeoutException e) {
            return SendResult.failure("timed out", sendTimeout.toMillis());
        }
    }

    @Override
    public void redeliver(RedeliverMessageCommand command) {
        WebhookDelivery delivery = getDelivery(new GetDeliveryCommand(command.account(), command.site(),
                command.webhook(), command.delivery()));
        queue.requeue(delivery, clock.instant());
        wakeWorkers.run();
    }

    @Override
    public DeliveryPage listDeliveries(ListDeliveriesCommand command) {
        ownedWebhook(command.account(), command.site(), command.webhook());
        DeliveryCursor cursor = command.cursor();
        // One more than asked tells whether another page follows.
        List<WebhookDelivery> found = log.list(command.webhook(), command.success(), command.limit() + 1,
                cursor == null ? null : cursor.insertedAt(), cursor == null ? null : cursor.id());
        if (found.size() <= command.limit()) {
            return new DeliveryPage(found, null);
        }
        List<WebhookDelivery> page = found.subList(0, command.limit());
        WebhookDelivery last = page.get(page.size() - 1);
        return new DeliveryPage(page, new DeliveryCursor(last.insertedAt(), last.id()));
    }

    @Override
    public WebhookDelivery getDelivery(GetDeliveryCommand command) {
        ownedWebhook(command.account(), command.site(), command.webhook());
        return log.find(command.webhook(), command.delivery()).orElseThrow(() -> new NotFoundException("delivery"));
    }

    private Webhook ownedWebhook(io.plausiblewebhooks.domain.AccountId account, io.plausiblewebhooks.domain.SiteId site,
                                 io.plausiblewebhooks.domain.WebhookId webhook) {
        Site owned = sites.find(account, site).orElseThrow(() -> new NotFoundException("site"));
        return webhooks.find(owned.id(), webhook).orElseThrow(() -> new NotFoundException("webhook"));
    }
}
