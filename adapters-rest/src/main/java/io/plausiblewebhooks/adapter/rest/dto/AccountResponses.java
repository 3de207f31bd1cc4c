package io.plausiblewebhooks.adapter.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.plausiblewebhooks.application.port.in.CreateAccountUseCase.CreatedAccount;
import io.plausiblewebhooks.application.port.in.CreateApiKeyUseCase.CreatedApiKey;
import io.plausiblewebhooks.application.port.in.ListTriggerTypesUseCase.TriggerTypeDescription;
import io.plausiblewebhooks.trigger.spi.ParamSpec;
import java.util.List;
import java.util.Locale;

public final class AccountResponses {
    private AccountResponses() {
    }

    /** The new account with its first key, shown only here. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreatedAccountResponse(String id, String name, String apiKey) {
        @Override
        public String toString() {
            return "CreatedAccountResponse[id=" + id + ", name=" + name + ", apiKey=redacted]";
        }

        public static CreatedAccountResponse of(CreatedAccount created) {
            return new CreatedAccountResponse(created.account().id().toString(), created.account().name().value(),
                    created.apiKey().value());
        }
    }

    /** A new key, shown only here. */
    public record CreatedApiKeyResponse(String id, String name, String key) {
        @Override
        public String toString() {
            return "CreatedApiKeyResponse[id=" + id + ", name=" + name + ", key=redacted]";
        }

        public static CreatedApiKeyResponse of(CreatedApiKey created) {
            return new CreatedApiKeyResponse(created.key().id().toString(), created.key().name().value(),
                    created.secret().value());
        }
    }

    public record TriggerTypeResponse(String type, String description, String version, List<ParamResponse> params) {
        public static TriggerTypeResponse of(TriggerTypeDescription type) {
            return new TriggerTypeResponse(type.type(), type.description(), type.version(),
                    type.params().stream().map(ParamResponse::of).toList());
        }
    }

    /** One parameter of a trigger type; {@code kind} is integer, string, boolean or goal_id. */
    public record ParamResponse(String name, String kind, boolean required, String description) {
        public static ParamResponse of(ParamSpec spec) {
            return new ParamResponse(spec.name(), spec.kind().name().toLowerCase(Locale.ROOT), spec.required(),
                    spec.description());
        }
    }
}
