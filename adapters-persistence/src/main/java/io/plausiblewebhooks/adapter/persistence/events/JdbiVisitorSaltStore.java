package io.plausiblewebhooks.adapter.persistence.events;

import io.plausiblewebhooks.application.port.out.VisitorSaltStore;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** One random salt per UTC day, shared by all instances: the first to need it creates it. */
public final class JdbiVisitorSaltStore implements VisitorSaltStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Dao dao;

    public JdbiVisitorSaltStore(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public byte[] saltFor(LocalDate day) {
        byte[] candidate = new byte[32];
        RANDOM.nextBytes(candidate);
        // Another instance may create it at the same moment: the first insert wins, everyone reads it.
        dao.insertIfAbsent(day, candidate);
        return HexFormat.of().parseHex(dao.findHex(day));
    }

    @Override
    public void deleteBefore(LocalDate day) {
        dao.deleteBefore(day);
    }

    interface Dao {
        @SqlUpdate("INSERT INTO visitor_salts (day, salt) VALUES (:day, :salt) ON CONFLICT (day) DO NOTHING")
        void insertIfAbsent(@Bind("day") LocalDate day, @Bind("salt") byte[] salt);

        @SqlQuery("SELECT encode(salt, 'hex') FROM visitor_salts WHERE day = :day")
        String findHex(@Bind("day") LocalDate day);

        @SqlUpdate("DELETE FROM visitor_salts WHERE day < :day")
        void deleteBefore(@Bind("day") LocalDate day);
    }
}
