package io.plausiblewebhooks.adapter.persistence.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public final class ClaimedRowMapper implements RowMapper<ClaimedRow> {
    @Override
    public ClaimedRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ClaimedRow(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
                rs.getObject("trigger_id", UUID.class), rs.getString("payload"), rs.getInt("attempts"),
                rs.getString("url"), rs.getString("secret"), rs.getString("previous_secret"),
                Utc.instant(rs.getObject("previous_secret_expires_at", LocalDateTime.class)),
                rs.getBoolean("enabled"));
    }
}
