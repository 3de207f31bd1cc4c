package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.ValidationException;
import java.util.Objects;

public record CreateAccountCommand(AccountId caller, Name name) {
    public CreateAccountCommand {
        Objects.requireNonNull(caller, "caller");
        if (name == null) {
            throw new ValidationException("name", "is required");
        }
    }

    public static CreateAccountCommand from(AccountId caller, String name) {
        CommandInput input = new CommandInput();
        Name checkedName = input.required("name", name, Name::new);
        input.throwIfInvalid();
        return new CreateAccountCommand(caller, checkedName);
    }
}
