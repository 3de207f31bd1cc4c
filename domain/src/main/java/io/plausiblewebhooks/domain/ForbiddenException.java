package io.plausiblewebhooks.domain;

/** The caller is known but not allowed to do this (an admin-only action): the API answers 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
