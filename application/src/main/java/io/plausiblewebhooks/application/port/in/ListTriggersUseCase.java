package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.util.List;

public interface ListTriggersUseCase {
    /** @throws io.plausiblewebhooks.domain.NotFoundException when the webhook is missing or not the caller's */
    List<WebhookTrigger> listTriggers(AccountId caller, SiteId site, WebhookId webhook);
}
