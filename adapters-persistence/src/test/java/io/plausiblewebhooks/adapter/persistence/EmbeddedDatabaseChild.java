package io.plausiblewebhooks.adapter.persistence;

import java.nio.file.Path;

/** Runs an embedded database in a separate JVM, so a test can kill that JVM the hard way. */
public final class EmbeddedDatabaseChild {
    private EmbeddedDatabaseChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), 0, false);
        System.out.println("READY " + database.jdbcUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
