package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.ValidationException;
import java.util.Objects;

public record CreateApiKeyCommand(AccountId caller, Name name) {
    public CreateApiKeyCommand {
        Objects.requireNonNull(caller, "caller");
        if (name == null) {
            throw new ValidationException("name", "is required");
        }
    }

    public static CreateApiKeyCommand from(AccountId caller, String name) {
        CommandInput input = new CommandInput();
        Name checkedName = input.required("name", name, Name::new);
        input.throwIfInvalid();
        return new CreateApiKeyCommand(caller, checkedName);
    }
}
