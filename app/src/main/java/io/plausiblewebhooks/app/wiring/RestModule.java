package io.plausiblewebhooks.app.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.plausiblewebhooks.adapter.rest.BodyLimitFilter;
import io.plausiblewebhooks.adapter.rest.ProblemExceptionMapper;
import io.plausiblewebhooks.adapter.rest.SecurityHeadersFilter;
import io.plausiblewebhooks.adapter.rest.StrictJsonReader;

/**
 * The HTTP API: problem+json error mapping, the body cap and the strict JSON reader. Resources of
 * other areas reuse them by living under {@code /api/v1} and reading the caller with
 * {@code Callers.account(securityContext)}.
 */
@Module
public abstract class RestModule {

    @Provides
    @IntoSet
    @JerseyComponent
    static Object problemExceptionMapper() {
        return new ProblemExceptionMapper();
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object bodyLimitFilter() {
        return new BodyLimitFilter();
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object securityHeadersFilter() {
        return new SecurityHeadersFilter();
    }

    @Provides
    @IntoSet
    @JerseyComponent
    static Object strictJsonReader() {
        return new StrictJsonReader();
    }
}
