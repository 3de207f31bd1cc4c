package io.plausiblewebhooks.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Trigger params as stored in a {@code jsonb} column: a JSON object of plain JSON values. */
final class JsonParams {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private JsonParams() {
    }

    static String write(Map<String, Object> params) {
        try {
            return MAPPER.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trigger params are not representable as JSON", e);
        }
    }

    static Map<String, Object> read(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored trigger params are not a JSON object", e);
        }
    }
}
