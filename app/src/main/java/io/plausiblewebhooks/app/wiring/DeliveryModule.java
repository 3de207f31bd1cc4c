package io.plausiblewebhooks.app.wiring;

import dagger.Module;

@Module
public abstract class DeliveryModule {
}
