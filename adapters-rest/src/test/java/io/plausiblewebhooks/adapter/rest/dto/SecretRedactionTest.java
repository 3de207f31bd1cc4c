package io.plausiblewebhooks.adapter.rest.dto;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.rest.dto.AccountResponses.CreatedAccountResponse;
import io.plausiblewebhooks.adapter.rest.dto.AccountResponses.CreatedApiKeyResponse;
import io.plausiblewebhooks.adapter.rest.dto.WebhookRequests.CreateWebhook;
import io.plausiblewebhooks.adapter.rest.dto.WebhookRequests.RotateSecret;
import io.plausiblewebhooks.adapter.rest.dto.WebhookResponses.CreatedWebhookResponse;
import io.plausiblewebhooks.adapter.rest.dto.WebhookResponses.SecretResponse;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    private static final String SECRET = "whsec_c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw==";

    @Test
    void bodiesCarryingSecretsNeverPrintThem() {
        Object[] carriers = {
                new CreateWebhook("n", "https://93.184.215.14/", SECRET, true),
                new RotateSecret(SECRET),
                new CreatedWebhookResponse("id", "site", "n", "https://93.184.215.14/", SECRET, true, null, "t", "t"),
                new SecretResponse(SECRET),
                new CreatedAccountResponse("id", "n", SECRET),
                new CreatedApiKeyResponse("id", "n", SECRET),
        };

        for (Object carrier : carriers) {
            assertThat(carrier.toString()).doesNotContain(SECRET).contains("redacted");
        }
    }
}
