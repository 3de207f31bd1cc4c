package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteRepositoryContractTest {
    private final Fixtures fx = new Fixtures();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    @Test
    void storesAndFindsASiteWithAllItsFields() {
        Account account = fx.account("acme");
        Site site = fx.site(account.id(), "example.com");

        assertThat(fx.sites.find(account.id(), site.id())).contains(site);
        assertThat(site.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(fx.sites.findByDomain(new SiteDomain("EXAMPLE.com"))).contains(site);
        assertThat(fx.sites.findByDomain(new SiteDomain("other.example.com"))).isEmpty();
    }

    @Test
    void listsOnlyTheAccountsSitesOldestFirst() {
        Account account = fx.account("acme");
        Account other = fx.account("other");
        Site newer = fx.site(account.id(), "b.example.com", Fixtures.later(5));
        Site older = fx.site(account.id(), "a.example.com", Fixtures.later(1));
        fx.site(other.id(), "c.example.com");

        assertThat(fx.sites.listByAccount(account.id())).containsExactly(older, newer);
    }

    @Test
    void hidesAnotherAccountsSite() {
        Account owner = fx.account("owner");
        Account stranger = fx.account("stranger");
        Site site = fx.site(owner.id(), "example.com");

        assertThat(fx.sites.find(stranger.id(), site.id())).isEmpty();
        assertThat(fx.sites.delete(stranger.id(), site.id())).isFalse();
        assertThat(fx.sites.find(owner.id(), site.id())).contains(site);
    }

    @Test
    void refusesADomainThatIsTakenEvenByAnotherAccount() {
        Account owner = fx.account("owner");
        Account other = fx.account("other");
        fx.site(owner.id(), "example.com");

        assertThatThrownBy(() -> fx.site(other.id(), "example.com"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("domain"));
        assertThat(fx.sites.listByAccount(other.id())).isEmpty();
    }

    @Test
    void deletingASiteRemovesEverythingUnderIt() {
        Account account = fx.account("acme");
        Site site = fx.site(account.id(), "example.com");
        Site kept = fx.site(account.id(), "kept.example.com");
        for (Site s : new Site[] {site, kept}) {
            Goal goal = fx.eventGoal(s.id(), "Signup");
            Webhook webhook = fx.webhook(s.id(), "slack");
            WebhookTrigger trigger = fx.goalTrigger(webhook, goal);
            fx.messageWithDelivery(webhook, trigger);
        }

        assertThat(fx.sites.delete(account.id(), site.id())).isTrue();

        assertThat(fx.sites.find(account.id(), site.id())).isEmpty();
        assertThat(fx.count("goals")).isEqualTo(1);
        assertThat(fx.count("webhooks")).isEqualTo(1);
        assertThat(fx.count("webhook_triggers")).isEqualTo(1);
        assertThat(fx.count("webhook_messages")).isEqualTo(1);
        assertThat(fx.count("webhook_deliveries")).isEqualTo(1);
        assertThat(fx.goals.listBySite(kept.id())).hasSize(1);
        assertThat(fx.sites.delete(account.id(), site.id())).isFalse();
    }

    @Test
    void deletingAnAccountRemovesItsSitesAndKeys() {
        Account account = fx.account("acme");
        fx.site(account.id(), "example.com");

        fx.jdbi.useHandle(h -> h.createUpdate("DELETE FROM accounts WHERE id = :id").bind("id", account.id()).execute());

        assertThat(fx.count("sites")).isZero();
        assertThat(fx.sites.findByDomain(new SiteDomain("example.com"))).isEmpty();
        assertThat(fx.sites.delete(account.id(), SiteId.random())).isFalse();
    }
}
