package io.plausiblewebhooks.domain;

/** The change collides with existing state (a taken domain, …): the API answers 409. */
public class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The API field at fault, or null. */
    public String field() {
        return field;
    }
}
