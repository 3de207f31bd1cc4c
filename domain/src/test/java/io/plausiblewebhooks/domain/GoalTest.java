package io.plausiblewebhooks.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoalTest {
    private final SiteId site = SiteId.random();

    @Test
    void needsExactlyOneOfEventNameAndPagePath() {
        assertThatThrownBy(() -> new Goal(GoalId.random(), site, null, null, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Goal(GoalId.random(), site, "Signup", "/x", null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void defaultsTheDisplayNameLikePlausible() {
        assertThat(new Goal(GoalId.random(), site, "Signup", null, null).displayName()).isEqualTo("Signup");
        assertThat(new Goal(GoalId.random(), site, null, "/pricing", " ").displayName()).isEqualTo("Visit /pricing");
    }

    @Test
    void aLongPagePathStillMakesAValidGoal() {
        Goal goal = new Goal(GoalId.random(), site, null, "/" + "p".repeat(1999), null);
        assertThat(goal.displayName()).hasSizeLessThanOrEqualTo(Name.MAX_LENGTH).startsWith("Visit /ppp");
    }

    @Test
    void pagePathMustStartWithSlash() {
        assertThatThrownBy(() -> new Goal(GoalId.random(), site, null, "pricing", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("page_path"));
    }

    @Test
    void matchesCustomEventsByNameAndPageviewsByWildcardPath() {
        Goal signup = new Goal(GoalId.random(), site, "Signup", null, null);
        assertThat(signup.matches("Signup", "/anything")).isTrue();
        assertThat(signup.matches("pageview", "/Signup")).isFalse();

        Goal blog = new Goal(GoalId.random(), site, null, "/blog/*", null);
        assertThat(blog.matches("pageview", "/blog/hello")).isTrue();
        assertThat(blog.matches("pageview", "/blog/hello/comments")).isFalse();
        assertThat(blog.matches("Signup", "/blog/hello")).isFalse();

        Goal docs = new Goal(GoalId.random(), site, null, "/docs/**", null);
        assertThat(docs.matches("pageview", "/docs/a/b/c")).isTrue();
        assertThat(new Goal(GoalId.random(), site, null, "/a.b", null).matches("pageview", "/axb")).isFalse();
    }
}
