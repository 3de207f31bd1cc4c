package io.plausiblewebhooks.app.wiring;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Marks set contributions that Dropwizard registers with Jersey: resources, filters, exception mappers. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface JerseyComponent {
}
