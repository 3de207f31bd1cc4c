package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.application.port.out.StatsSourceStore.RemoteSite;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.PlausibleApiKey;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.StatsSourceError;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stats source columns of sites: key sealed at rest, remote sources looked up in bulk, last_error kept. */
class SiteStatsSourceContractTest {
    private static final String KEY = "plausible-stats-key-0123456789abcdef";
    private static final StatsSource.PlausibleApi PLAUSIBLE = new StatsSource.PlausibleApi(
            new WebhookUrl("https://plausible.io"), "shop.example.com", new PlausibleApiKey(KEY));

    private final Fixtures fx = new Fixtures();
    private final byte[] oldKey = SecretBox.newKey();
    private final byte[] newKey = SecretBox.newKey();
    private final JdbiSiteRepository repository = new JdbiSiteRepository(fx.jdbi, new SecretBox(newKey, List.of()));
    private AccountId owner;

    @BeforeEach
    void anAccount() {
        TestDatabase.truncateAll();
        owner = fx.account("acme").id();
    }

    @Test
    void storesThePlausibleSourceWithItsKeySealedAndReturnsItOpen() {
        Site site = remoteSite("shop.example.com", repository);

        assertThat(storedKey(site)).startsWith("enc:v1:" + SecretBox.keyId(newKey)).doesNotContain(KEY);
        assertThat(repository.find(owner, site.id())).contains(site);
        assertThat(repository.listByAccount(owner)).containsExactly(site);
    }

    @Test
    void aSiteWithoutSourceReadsLocal() {
        Site site = fx.site(owner, "local.example.com");

        assertThat(repository.find(owner, site.id()).orElseThrow().statsSource()).isEqualTo(StatsSource.local());
        assertThat(repository.remoteSources(Set.of(site.id()))).isEmpty();
    }

    @Test
    void findsTheRemoteSourcesAmongManySitesInOneLookup() {
        Site remote = remoteSite("shop.example.com", repository);
        Site local = fx.site(owner, "local.example.com");

        Map<SiteId, RemoteSite> found = repository.remoteSources(Set.of(remote.id(), local.id()));

        assertThat(found).containsOnlyKeys(remote.id());
        assertThat(found.get(remote.id()).source()).isEqualTo(PLAUSIBLE);
        assertThat(found.get(remote.id()).since()).isEqualTo(Fixtures.T0);
    }

    @Test
    void recordsAndClearsTheLastError() {
        Site site = remoteSite("shop.example.com", repository);
        StatsSourceError error = new StatsSourceError("Plausible answered 500", Fixtures.T0.plusSeconds(60));

        repository.recordErrors(Map.of(site.id(), error));

        assertThat(repository.find(owner, site.id()).orElseThrow().lastError()).isEqualTo(error);
        assertThat(repository.countFailing()).isEqualTo(1);

        repository.clearErrors(Set.of(site.id()));

        assertThat(repository.find(owner, site.id()).orElseThrow().lastError()).isNull();
        assertThat(repository.countFailing()).isZero();
    }

    @Test
    void anUpdateChangesTheSourceAndStampsWhenItChanged() {
        Site site = fx.site(owner, "shop.example.com");

        repository.update(site.withStatsSource(PLAUSIBLE), Fixtures.T0.plusSeconds(3600));

        RemoteSite remote = repository.remoteSources(Set.of(site.id())).get(site.id());
        assertThat(remote.source()).isEqualTo(PLAUSIBLE);
        assertThat(remote.since()).isEqualTo(Fixtures.T0.plusSeconds(3600));

        repository.update(site, Fixtures.T0.plusSeconds(7200));
        assertThat(repository.find(owner, site.id()).orElseThrow().statsSource()).isEqualTo(StatsSource.local());
        assertThat(storedKey(site)).isNull();
    }

    @Test
    void resealingAfterAKeyRotationMovesTheApiKeyToTheNewKey() {
        Site site = remoteSite("shop.example.com", new JdbiSiteRepository(fx.jdbi, new SecretBox(oldKey, List.of())));
        JdbiSiteRepository rotated = new JdbiSiteRepository(fx.jdbi, new SecretBox(newKey, List.of(oldKey)));

        assertThat(rotated.resealAll()).isEqualTo(1);
        assertThat(rotated.resealAll()).as("a second run has nothing to do").isZero();

        assertThat(storedKey(site)).startsWith("enc:v1:" + SecretBox.keyId(newKey));
        assertThat(repository.find(owner, site.id())).contains(site);
    }

    private Site remoteSite(String domain, JdbiSiteRepository into) {
        Site site = new Site(SiteId.random(), owner, new SiteDomain(domain), ZoneId.of("Etc/UTC"), Fixtures.T0,
                PLAUSIBLE, null);
        into.insert(site);
        return site;
    }

    private String storedKey(Site site) {
        return fx.jdbi.withHandle(h -> h.createQuery("SELECT stats_api_key FROM sites WHERE id = :id")
                .bind("id", site.id().value()).mapTo(String.class).one());
    }
}
