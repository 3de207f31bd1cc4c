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
import java.time.Clock;
import java.util.List;

/** Sites and their goals, always within the caller's account. */
public class SiteService implements CreateSiteUseCase, ListSitesUseCase, GetSiteUseCase, DeleteSiteUseCase,
        CreateGoalUseCase, ListGoalsUseCase, DeleteGoalUseCase {
    private final SiteRepository sites;
    private final GoalRepository goals;
    private final Ownership ownership;
    private final Clock clock;

    public SiteService(SiteRepository sites, GoalRepository goals, WebhookRepository webhooks, Clock clock) {
        this.sites = sites;
        this.goals = goals;
        this.ownership = new Ownership(sites, webhooks);
        this.clock = clock;
    }

    @Override
    public Site createSite(CreateSiteCommand command) {
        // Checked first for a clear answer; the unique index still decides under concurrency.
        if (sites.findByDomain(command.domain()).isPresent()) {
            throw new ConflictException("domain", "a site with this domain exists already");
        }
        Site site = new Site(SiteId.random(), command.caller(), command.domain(), command.timezone(), Now.of(clock));
        sites.insert(site);
        return site;
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
