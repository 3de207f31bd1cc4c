package io.plausiblewebhooks.app.wiring;

/** Work done once in {@code run()} after migrations and before the server starts (e.g. the bootstrap key). */
public interface StartupTask {
    void run() throws Exception;
}
