package io.plausiblewebhooks.application.port.out;

/** What operators watch about forwarding events to an upstream Plausible. */
public interface ForwardMetrics {
    /** The upstream accepted an event (2xx). */
    void forwarded();

    /** An event was given up: refused by the upstream (4xx) or still failing after the last retry. */
    void failed();

    /** An event was not forwarded because the buffer was full (or the service stopped). */
    void dropped();

    /** Records nothing. */
    ForwardMetrics NONE = new ForwardMetrics() {
        @Override
        public void forwarded() {
        }

        @Override
        public void failed() {
        }

        @Override
        public void dropped() {
        }
    };
}
