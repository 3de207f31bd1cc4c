package io.plausiblewebhooks.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.application.port.in.CreateGoalCommand;
import io.plausiblewebhooks.application.port.in.CreateSiteCommand;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SiteServiceTest {
    private final InMemoryRepositories repos = new InMemoryRepositories();
    private final SiteService service = new SiteService(repos.siteRepository, repos.goalRepository,
            repos.webhookRepository, Clock.fixed(Instant.parse("2026-02-26T10:00:00Z"), ZoneOffset.UTC));
    private final AccountId alice = AccountId.random();
    private final AccountId bob = AccountId.random();

    @Test
    void createsSiteInUtcByDefault() {
        Site site = service.createSite(CreateSiteCommand.from(alice, "Example.com", null));

        assertThat(site.domain().value()).isEqualTo("example.com");
        assertThat(site.timezone().getId()).isEqualTo("Etc/UTC");
        assertThat(site.insertedAt()).isEqualTo(Instant.parse("2026-02-26T10:00:00Z"));
        assertThat(service.listSites(alice)).containsExactly(site);
        assertThat(service.listSites(bob)).isEmpty();
    }

    @Test
    void refusesTakenDomainEvenForAnotherAccount() {
        service.createSite(CreateSiteCommand.from(alice, "example.com", null));

        assertThatThrownBy(() -> service.createSite(CreateSiteCommand.from(bob, "example.com", null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("domain"));
        assertThat(repos.sites).hasSize(1);
    }

    @Test
    void namesEveryInvalidField() {
        assertThatThrownBy(() -> CreateSiteCommand.from(alice, "not a domain", "Nowhere/Town"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("domain", "timezone"));
    }

    @Test
    void hidesAnotherAccountsSiteAndEverythingBelowIt() {
        Site site = service.createSite(CreateSiteCommand.from(alice, "example.com", null));
        service.createGoal(new CreateGoalCommand(alice, site.id(), "Signup", null, null));

        assertThatThrownBy(() -> service.getSite(bob, site.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.deleteSite(bob, site.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.listGoals(bob, site.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.createGoal(new CreateGoalCommand(bob, site.id(), "Other", null, null)))
                .isInstanceOf(NotFoundException.class);
        Goal goal = service.listGoals(alice, site.id()).get(0);
        assertThatThrownBy(() -> service.deleteGoal(bob, site.id(), goal.id())).isInstanceOf(NotFoundException.class);
        assertThat(repos.sites).hasSize(1);
        assertThat(repos.goals).hasSize(1);
    }

    @Test
    void deletingSiteRemovesItsGoals() {
        Site site = service.createSite(CreateSiteCommand.from(alice, "example.com", null));
        service.createGoal(new CreateGoalCommand(alice, site.id(), null, "/pricing*", null));

        service.deleteSite(alice, site.id());

        assertThat(repos.sites).isEmpty();
        assertThat(repos.goals).isEmpty();
        assertThatThrownBy(() -> service.deleteSite(alice, site.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusesGoalWithBothOrNeitherKind() {
        Site site = service.createSite(CreateSiteCommand.from(alice, "example.com", null));

        assertThatThrownBy(() -> new CreateGoalCommand(alice, site.id(), null, null, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new CreateGoalCommand(alice, site.id(), "Signup", "/x", null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new CreateGoalCommand(alice, site.id(), null, "no-slash", null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsKey("page_path"));
    }
}
