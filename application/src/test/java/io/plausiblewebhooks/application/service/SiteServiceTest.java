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
import io.plausiblewebhooks.application.port.in.StatsSourceInput;
import io.plausiblewebhooks.application.port.in.UpdateSiteCommand;
import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.domain.StatsSource;
import org.junit.jupiter.api.Test;

class SiteServiceTest {
    private final InMemoryRepositories repos = new InMemoryRepositories();
    /** Refuses one host, as the real guard refuses private destinations. */
    private static final DestinationGuard GUARD = url -> {
        if (url.host().equals("internal.example")) {
            throw new ValidationException("url", "must not point to a private or local address");
        }
    };
    private static final String KEY = "plausible-stats-key-0123456789abcdef";
    private final SiteService service = new SiteService(repos.siteRepository, repos.goalRepository,
            repos.webhookRepository, GUARD, Clock.fixed(Instant.parse("2026-02-26T10:00:00Z"), ZoneOffset.UTC));
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

    @Test
    void createsASiteReadingThePlausibleApi() {
        Site site = service.createSite(CreateSiteCommand.from(alice, "shop.example.com", null,
                new StatsSourceInput.Raw("plausible_api", "https://plausible.io/", "shop.example.com", KEY)));

        StatsSource.PlausibleApi source = (StatsSource.PlausibleApi) site.statsSource();
        assertThat(source.baseUrl().value()).isEqualTo("https://plausible.io");
        assertThat(source.siteId()).isEqualTo("shop.example.com");
        assertThat(source.apiKey().value()).isEqualTo(KEY);
        assertThat(source.toString()).doesNotContain(KEY);
    }

    @Test
    void aPlausibleSourceNeedsItsKeyAndAnHttpsUrlTheGuardAccepts() {
        assertThatThrownBy(() -> service.createSite(CreateSiteCommand.from(alice, "a.example.com", null,
                new StatsSourceInput.Raw("plausible_api", "https://plausible.io", "a.example.com", null))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("stats_source.api_key"));
        assertThatThrownBy(() -> CreateSiteCommand.from(alice, "a.example.com", null,
                new StatsSourceInput.Raw("plausible_api", "http://plausible.io", null, KEY)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("stats_source.base_url", "stats_source.site_id"));
        assertThatThrownBy(() -> service.createSite(CreateSiteCommand.from(alice, "a.example.com", null,
                new StatsSourceInput.Raw("plausible_api", "https://internal.example", "a.example.com", KEY))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("stats_source.base_url"));
        assertThatThrownBy(() -> CreateSiteCommand.from(alice, "a.example.com", null,
                new StatsSourceInput.Raw("matomo", null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("stats_source.type"));
        assertThat(service.listSites(alice)).isEmpty();
    }

    @Test
    void anUpdateWithoutKeyKeepsTheStoredKeyForTheSameInstanceOnly() {
        Site site = service.createSite(CreateSiteCommand.from(alice, "shop.example.com", null,
                new StatsSourceInput.Raw("plausible_api", "https://plausible.io", "shop.example.com", KEY)));

        Site renamed = service.updateSite(UpdateSiteCommand.from(alice, site.id(), null,
                new StatsSourceInput.Raw("plausible_api", "https://plausible.io", "shop2.example.com", null)));

        assertThat(((StatsSource.PlausibleApi) renamed.statsSource()).apiKey().value()).isEqualTo(KEY);
        assertThat(((StatsSource.PlausibleApi) renamed.statsSource()).siteId()).isEqualTo("shop2.example.com");
        // Another host never receives the stored key without the caller giving it again.
        assertThatThrownBy(() -> service.updateSite(UpdateSiteCommand.from(alice, site.id(), null,
                new StatsSourceInput.Raw("plausible_api", "https://stats.elsewhere.example", "shop.example.com", null))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("stats_source.api_key"));
        assertThat(service.getSite(alice, site.id()).statsSource()).isEqualTo(renamed.statsSource());
    }

    @Test
    void switchingBackToLocalForgetsTheKey() {
        Site site = service.createSite(CreateSiteCommand.from(alice, "shop.example.com", null,
                new StatsSourceInput.Raw("plausible_api", "https://plausible.io", "shop.example.com", KEY)));

        Site local = service.updateSite(UpdateSiteCommand.from(alice, site.id(), "Europe/Berlin",
                new StatsSourceInput.Raw("local", null, null, null)));

        assertThat(local.statsSource()).isEqualTo(StatsSource.local());
        assertThat(local.timezone().getId()).isEqualTo("Europe/Berlin");
        assertThatThrownBy(() -> service.updateSite(UpdateSiteCommand.from(bob, site.id(), null, null)))
                .isInstanceOf(NotFoundException.class);
    }
}
