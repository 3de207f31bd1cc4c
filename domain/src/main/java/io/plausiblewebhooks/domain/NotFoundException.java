package io.plausiblewebhooks.domain;

/** The resource does not exist, or belongs to another account: both answer 404, indistinguishably. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " not found");
    }
}
