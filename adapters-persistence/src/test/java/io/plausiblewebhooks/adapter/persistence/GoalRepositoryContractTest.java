package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookTrigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoalRepositoryContractTest {
    private final Fixtures fx = new Fixtures();
    private Site site;
    private Site otherSite;

    @BeforeEach
    void siteOfItsOwn() {
        TestDatabase.truncateAll();
        Account account = fx.account("acme");
        site = fx.site(account.id(), "example.com");
        otherSite = fx.site(account.id(), "other.example.com");
    }

    @Test
    void storesEventAndPageGoalsAndListsThemInOrderOfCreation() {
        Goal signup = fx.eventGoal(site.id(), "Signup");
        Goal pricing = new Goal(GoalId.random(), site.id(), null, "/pricing/**", "Saw pricing");
        fx.goals.insert(pricing);
        fx.eventGoal(otherSite.id(), "Signup");

        assertThat(fx.goals.listBySite(site.id())).containsExactlyInAnyOrder(signup, pricing);
        assertThat(fx.goals.find(site.id(), pricing.id())).contains(pricing);
        assertThat(pricing.displayName()).isEqualTo("Saw pricing");
    }

    @Test
    void keepsAVeryLongPagePathWhole() {
        String path = "/" + "ü".repeat(1999);
        Goal goal = new Goal(GoalId.random(), site.id(), null, path, "Long path");
        fx.goals.insert(goal);

        assertThat(fx.goals.find(site.id(), goal.id())).map(Goal::pagePath).contains(path);
    }

    @Test
    void refusesTheSameEventOrPageTwiceOnOneSite() {
        fx.eventGoal(site.id(), "Signup");
        fx.goals.insert(new Goal(GoalId.random(), site.id(), null, "/pricing", null));

        assertThatThrownBy(() -> fx.eventGoal(site.id(), "Signup"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("event_name"));
        assertThatThrownBy(() -> fx.goals.insert(new Goal(GoalId.random(), site.id(), null, "/pricing", null)))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("page_path"));
        assertThat(fx.goals.listBySite(site.id())).hasSize(2);

        // Another site may have the same goals.
        fx.eventGoal(otherSite.id(), "Signup");
        fx.goals.insert(new Goal(GoalId.random(), otherSite.id(), null, "/pricing", null));
        assertThat(fx.goals.listBySite(otherSite.id())).hasSize(2);
    }

    @Test
    void scopesFindAndDeleteToTheSite() {
        Goal goal = fx.eventGoal(site.id(), "Signup");

        assertThat(fx.goals.find(otherSite.id(), goal.id())).isEmpty();
        assertThat(fx.goals.delete(otherSite.id(), goal.id())).isFalse();
        assertThat(fx.goals.delete(site.id(), goal.id())).isTrue();
        assertThat(fx.goals.find(site.id(), goal.id())).isEmpty();
    }

    @Test
    void deletingAGoalKeepsItsTriggersWithoutAGoal() {
        Goal goal = fx.eventGoal(site.id(), "Signup");
        Webhook webhook = fx.webhook(site.id(), "slack");
        WebhookTrigger trigger = fx.goalTrigger(webhook, goal);

        assertThat(fx.goals.delete(site.id(), goal.id())).isTrue();

        assertThat(fx.triggers.find(webhook.id(), trigger.id()))
                .hasValueSatisfying(t -> assertThat(t.goalId()).isNull());
    }
}
