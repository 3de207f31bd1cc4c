package io.plausiblewebhooks.domain;

/** A trigger threshold: a positive whole number. */
public record Threshold(int value) {
    public Threshold {
        if (value <= 0) {
            throw new ValidationException("threshold", "must be greater than 0");
        }
    }
}
