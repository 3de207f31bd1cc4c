package io.plausiblewebhooks.application.port.in;

import io.plausiblewebhooks.domain.Validation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The free-form {@code params} of a trigger: JSON-like values, and no nulls (a plugin never sees one). */
final class TriggerParams {
    private TriggerParams() {
    }

    /** An unmodifiable copy; null gives an empty map. @throws io.plausiblewebhooks.domain.ValidationException */
    static Map<String, Object> copyOf(Map<String, Object> params) {
        if (params == null) {
            return Map.of();
        }
        Validation v = new Validation();
        params.forEach((key, value) -> check(v, "params." + key, value));
        v.throwIfInvalid();
        return Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    private static void check(Validation v, String field, Object value) {
        if (value == null) {
            v.reject(field, "must not be null");
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> check(v, field + "." + key, inner));
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> check(v, field, inner));
        } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            v.reject(field, "must be a JSON value");
        }
    }
}
