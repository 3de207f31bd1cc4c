package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.application.port.out.GoalRepository;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.SiteId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public final class JdbiGoalRepository implements GoalRepository {
    private final Dao dao;

    public JdbiGoalRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public void insert(Goal goal) {
        try {
            dao.insert(goal.id(), goal.siteId(), goal.eventName(), goal.pagePath(), goal.displayName());
        } catch (RuntimeException e) {
            String constraint = PostgresErrors.violatedUniqueConstraint(e);
            if ("goals_site_event_name".equals(constraint)) {
                throw new ConflictException("event_name", "the site has a goal for this event already");
            }
            if ("goals_site_page_path".equals(constraint)) {
                throw new ConflictException("page_path", "the site has a goal for this page path already");
            }
            throw e;
        }
    }

    @Override
    public List<Goal> listBySite(SiteId site) {
        return dao.listBySite(site);
    }

    @Override
    public Optional<Goal> find(SiteId site, GoalId id) {
        return dao.find(site, id);
    }

    @Override
    public boolean delete(SiteId site, GoalId id) {
        return dao.delete(site, id) > 0;
    }

    @RegisterRowMapper(GoalMapper.class)
    interface Dao {
        // inserted_at only orders the list (the domain does not carry it); now() is UTC on our connections.
        @SqlUpdate("INSERT INTO goals (id, site_id, event_name, page_path, display_name)"
                + " VALUES (:id, :siteId, :eventName, :pagePath, :displayName)")
        void insert(@Bind("id") GoalId id, @Bind("siteId") SiteId siteId, @Bind("eventName") String eventName,
                    @Bind("pagePath") String pagePath, @Bind("displayName") String displayName);

        @SqlQuery("SELECT id, site_id, event_name, page_path, display_name FROM goals"
                + " WHERE site_id = :siteId ORDER BY inserted_at, id")
        List<Goal> listBySite(@Bind("siteId") SiteId siteId);

        @SqlQuery("SELECT id, site_id, event_name, page_path, display_name FROM goals WHERE id = :id AND site_id = :siteId")
        Optional<Goal> find(@Bind("siteId") SiteId siteId, @Bind("id") GoalId id);

        // Triggers on the goal keep existing with goal_id NULL (ON DELETE SET NULL, as in the seed).
        @SqlUpdate("DELETE FROM goals WHERE id = :id AND site_id = :siteId")
        int delete(@Bind("siteId") SiteId siteId, @Bind("id") GoalId id);
    }

    public static final class GoalMapper implements RowMapper<Goal> {
        @Override
        public Goal map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Goal(
                    new GoalId(rs.getObject("id", UUID.class)),
                    new SiteId(rs.getObject("site_id", UUID.class)),
                    rs.getString("event_name"),
                    rs.getString("page_path"),
                    rs.getString("display_name"));
        }
    }
}
