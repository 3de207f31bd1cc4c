package io.plausiblewebhooks.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.application.port.in.CreateGoalCommand;
import io.plausiblewebhooks.application.port.in.CreateSiteCommand;
import io.plausiblewebhooks.application.port.in.CreateTriggerCommand;
import io.plausiblewebhooks.application.port.in.CreateWebhookCommand;
import io.plausiblewebhooks.application.port.in.UpdateTriggerCommand;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookTrigger;
import io.plausiblewebhooks.trigger.spi.CheckedTrigger;
import io.plausiblewebhooks.trigger.spi.Firing;
import io.plausiblewebhooks.trigger.spi.ParamSpec;
import io.plausiblewebhooks.trigger.spi.StatsView;
import io.plausiblewebhooks.trigger.spi.TriggerConfig;
import io.plausiblewebhooks.trigger.spi.TriggerPlugin;
import io.plausiblewebhooks.trigger.spi.TriggerSpi;
import io.plausiblewebhooks.trigger.spi.ValidationError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerServiceTest {
    private final InMemoryRepositories repos = new InMemoryRepositories();
    private final Clock clock = Clock.fixed(Instant.parse("2026-02-26T10:00:00Z"), ZoneOffset.UTC);
    private final TriggerService service = new TriggerService(repos.siteRepository, repos.webhookRepository,
            repos.triggerRepository, repos.goalRepository,
            new TriggerTypeRegistry(List.of(new FakePlugin("spike", false), new FakePlugin("goal", true))), clock);
    private final AccountId alice = AccountId.random();
    private Site site;
    private Site otherSite;
    private Webhook webhook;

    @BeforeEach
    void createWebhook() {
        SiteService sites = new SiteService(repos.siteRepository, repos.goalRepository, repos.webhookRepository, url -> { }, clock);
        site = sites.createSite(CreateSiteCommand.from(alice, "example.com", null));
        otherSite = sites.createSite(CreateSiteCommand.from(alice, "other.example.com", null));
        webhook = new WebhookService(repos.siteRepository, repos.webhookRepository, url -> { }, clock)
                .createWebhook(CreateWebhookCommand.from(alice, site.id(), "Slack", "https://hooks.example.com/x",
                        null, null));
    }

    @Test
    void createsTriggerThePluginAccepts() {
        WebhookTrigger trigger = service.createTrigger(command("spike", 5, null, Map.of("window", 10)));

        assertThat(trigger.threshold().value()).isEqualTo(5);
        assertThat(trigger.params()).containsEntry("window", 10);
        assertThat(service.listTriggers(alice, site.id(), webhook.id())).containsExactly(trigger);
    }

    @Test
    void rejectsUnknownTypeNamingTheKnownOnes() {
        assertThatThrownBy(() -> service.createTrigger(command("nope", 5, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get("trigger_type"))
                        .singleElement().asString().contains("goal", "spike"));
        assertThat(repos.triggers).isEmpty();
    }

    @Test
    void reportsThePluginsErrorsOnTheirFields() {
        assertThatThrownBy(() -> service.createTrigger(command("spike", null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("threshold"));
        assertThat(repos.triggers).isEmpty();
    }

    @Test
    void rejectsGoalOfAnotherSite() {
        Goal foreign = new SiteService(repos.siteRepository, repos.goalRepository, repos.webhookRepository, url -> { }, clock)
                .createGoal(new CreateGoalCommand(alice, otherSite.id(), "Signup", null, null));

        assertThatThrownBy(() -> service.createTrigger(command("goal", null, foreign.id().toString(), null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsKey("goal_id"));
        assertThat(repos.triggers).isEmpty();
    }

    @Test
    void rejectsNonPositiveThresholdAndNullParams() {
        assertThatThrownBy(() -> command("spike", 0, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("threshold"));
        Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("window", null);
        assertThatThrownBy(() -> command("spike", 1, "not-a-uuid", withNull))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("goal_id", "params.window"));
    }

    @Test
    void updateIsValidatedByThePluginAndKeepsTheStoredTriggerOnRejection() {
        WebhookTrigger trigger = service.createTrigger(command("spike", 5, null, null));

        assertThatThrownBy(() -> service.updateTrigger(UpdateTriggerCommand.from(alice, site.id(), webhook.id(),
                trigger.id(), null, null, Map.of("window", -1))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsKey("params.window"));
        assertThat(repos.triggers.get(trigger.id())).isEqualTo(trigger);

        WebhookTrigger updated = service.updateTrigger(UpdateTriggerCommand.from(alice, site.id(), webhook.id(),
                trigger.id(), 7, false, null));
        assertThat(updated.threshold().value()).isEqualTo(7);
        assertThat(updated.enabled()).isFalse();
        assertThat(repos.triggers.get(trigger.id())).isEqualTo(updated);
    }

    @Test
    void hidesTriggersOfAnotherAccount() {
        WebhookTrigger trigger = service.createTrigger(command("spike", 5, null, null));
        AccountId bob = AccountId.random();

        assertThatThrownBy(() -> service.listTriggers(bob, site.id(), webhook.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.deleteTrigger(bob, site.id(), webhook.id(), trigger.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.updateTrigger(UpdateTriggerCommand.from(bob, site.id(), webhook.id(),
                trigger.id(), 9, null, null))).isInstanceOf(NotFoundException.class);
        assertThat(repos.triggers.get(trigger.id())).isEqualTo(trigger);
    }

    @Test
    void listsTypesSortedWithTheirParameters() {
        assertThat(service.listTriggerTypes()).extracting(t -> t.type()).containsExactly("goal", "spike");
        assertThat(service.listTriggerTypes().get(1).params()).extracting(ParamSpec::name).contains("threshold");
    }

    private CreateTriggerCommand command(String type, Integer threshold, String goalId, Map<String, Object> params) {
        return CreateTriggerCommand.from(alice, site.id(), webhook.id(), type, threshold, goalId, null, params);
    }

    /** Requires a threshold (or a goal) and a positive {@code params.window} when given. */
    private record FakePlugin(String type, boolean needsGoal) implements TriggerPlugin {
        @Override
        public String description() {
            return "fake " + type;
        }

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public int spiVersion() {
            return TriggerSpi.VERSION;
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(needsGoal
                    ? new ParamSpec("goal_id", ParamSpec.Kind.GOAL_ID, true, "the goal")
                    : new ParamSpec("threshold", ParamSpec.Kind.INTEGER, true, "visitors"));
        }

        @Override
        public List<ValidationError> validate(TriggerConfig config) {
            List<ValidationError> errors = new ArrayList<>();
            if (needsGoal && config.goalId() == null) {
                errors.add(new ValidationError("goal_id", "is required"));
            }
            if (!needsGoal && config.threshold() == null) {
                errors.add(new ValidationError("threshold", "is required"));
            }
            if (config.params().get("window") instanceof Number n && n.intValue() <= 0) {
                errors.add(new ValidationError("params.window", "must be positive"));
            }
            return errors;
        }

        @Override
        public List<Firing> evaluate(List<CheckedTrigger> batch, StatsView stats) {
            return List.of();
        }
    }
}
