package io.plausiblewebhooks.adapter.rest.dto;

import io.plausiblewebhooks.adapter.rest.ApiRequest;

public final class AccountRequests {
    private AccountRequests() {
    }

    public record CreateAccount(String name) implements ApiRequest {
    }

    public record CreateApiKey(String name) implements ApiRequest {
    }
}
