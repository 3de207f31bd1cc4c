package io.plausiblewebhooks.adapter.rest;

/**
 * Marks a request body record of the API. Bodies of these types are read by {@link StrictJsonReader}:
 * malformed JSON answers 400, a value of the wrong JSON type 422 naming the field (no coercion of
 * {@code "5"} into 5 or of 5 into {@code "5"}), unknown fields are ignored.
 */
public interface ApiRequest {
}
