package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.trigger.spi.ParamSpec;
import java.util.List;

public interface ListTriggerTypesUseCase {
    /** Every trigger type that loaded, sorted by name. */
    List<TriggerTypeDescription> listTriggerTypes();

    record TriggerTypeDescription(String type, String description, String version, List<ParamSpec> params) {
        public TriggerTypeDescription {
            params = List.copyOf(params);
        }
    }
}
