package io.plausiblewebhooks.adapter.rest;

/** The request cannot be read at all (malformed JSON, no body): 400. */
public class MalformedRequestException extends RuntimeException {
    public MalformedRequestException(String message) {
        super(message);
    }
}
