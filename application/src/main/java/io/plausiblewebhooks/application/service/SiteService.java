package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.application.port.in.CreateGoalCommand;
import io.plausiblewebhooks.application.port.in.CreateGoalUseCase;
import io.plausiblewebhooks.application.port.in.CreateSiteCommand;
import io.plausiblewebhooks.application.port.in.CreateSiteUseCase;
import io.plausiblewebhooks.application.port.in.DeleteGoalUseCase;
import io.plausiblewebhooks.application.port.in.DeleteSiteUseCase;
import io.plausiblewebhooks.application.port.in.GetSiteUseCase;
import io.plausiblewebhooks.application.port.in.ListGoalsUseCase;
import io.plausiblewebhooks.application.port.in.ListSitesUseCase;
import io.plausiblewebhooks.application.port.in.UpdateSiteCommand;
import io.plausiblewebhooks.application.port.in.UpdateSiteUseCase;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.application.port.out.GoalRepository;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.ValidationException;
import java.time.Clock;
import java.util.List;

/** Sites and their goals, always within the caller's account. */
public class SiteService implements CreateSiteUseCase, ListSitesUseCase, GetSiteUseCase, UpdateSiteUseCase,
        DeleteSiteUseCase, CreateGoalUseCase, ListGoalsUseCase, DeleteGoalUseCase {
    private final SiteRepository sites;
    private final GoalRepository goals;
    private final DestinationGuard guard;
    private final Ownership ownership;
    private final Clock clock;

    /** @param guard checks a Plausible base URL like a webhook URL (SSRF) */
    public SiteService(SiteRepository sites, GoalRepository goals, WebhookRepository webhooks, DestinationGuard guard,
                       Clock clock) {
        this.sites = sites;
        this.goals = goals;
        this.guard = guard;
        this.ownership = new Ownership(sites, webhooks);
        this.clock = clock;
    }

    @Override
    public Site createSite(CreateSiteCommand command) {
        StatsSource source = command.statsSource() == null ? StatsSource.local()
                : checked(command.statsSource().resolve(StatsSource.local()));
        // Checked first for a clear answer; the unique index still decides under concurrency.
        if (sites.findByDomain(command.domain()).isPresent()) {
            throw new ConflictException("domain", "a site with this domain exists already");
        }
        Site site = new Site(SiteId.random(), command.caller(), command.domain(), command.timezone(), Now.of(clock),
                source, null);
        sites.insert(site);
        return site;
    }

    @Override
    public Site updateSite(UpdateSiteCommand command) {
        Site current = ownership.site(command.caller(), command.site());
        Site updated = current;
        if (command.timezone() != null) {
            updated = updated.withTimezone(command.timezone());
        }
        boolean sourceChanged = false;
        if (command.statsSource() != null) {
            StatsSource source = checked(command.statsSource().resolve(current.statsSource()));
            sourceChanged = !source.equals(current.statsSource());
            updated = updated.withStatsSource(source);
        }
        if (!sites.update(updated, sourceChanged ? Now.of(clock) : null)) {
            throw new NotFoundException("site");
        }
        return updated;
    }

    /** A Plausible instance is a destination like a webhook URL: the same SSRF guard decides. */
    private StatsSource checked(StatsSource source) {
        if (source instanceof StatsSource.PlausibleApi api) {
            try {
                guard.check(api.baseUrl());
            } catch (ValidationException refused) {
                throw new ValidationException("stats_source.base_url",
                        refused.errors().values().iterator().next().get(0));
            }
        }
        return source;
    }

    @Override
    public List<Site> listSites(AccountId caller) {
        return sites.listByAccount(caller);
    }

    @Override
    public Site getSite(AccountId caller, SiteId site) {
        return ownership.site(caller, site);
    }

    @Override
    public void deleteSite(AccountId caller, SiteId site) {
        if (!sites.delete(caller, site)) {
            throw new NotFoundException("site");
        }
    }

    @Override
    public Goal createGoal(CreateGoalCommand command) {
        ownership.site(command.caller(), command.site());
        Goal goal = command.toGoal(GoalId.random());
        goals.insert(goal);
        return goal;
    }

    @Override
    public List<Goal> listGoals(AccountId caller, SiteId site) {
        return goals.listBySite(ownership.site(caller, site).id());
    }

    @Override
    public void deleteGoal(AccountId caller, SiteId site, GoalId goal) {
        Site owned = ownership.site(caller, site);
        if (!goals.delete(owned.id(), goal)) {
            throw new NotFoundException("goal");
        }
    }
}
