package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookId;

public interface DeleteTriggerUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException when missing or not the caller's */
    void deleteTrigger(AccountId caller, SiteId site, WebhookId webhook, TriggerId trigger);
}
