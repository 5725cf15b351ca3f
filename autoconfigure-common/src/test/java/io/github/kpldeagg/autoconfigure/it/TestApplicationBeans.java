package io.github.kpldeagg.autoconfigure.it;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every test application with the binder needs: a {@link Received} for its
 * functions, and the binder's observation registry.
 */
@Configuration(proxyBeanMethods = false)
class TestApplicationBeans {

	@Bean
	Received received() {
		return new Received();
	}

	/**
	 * The binder requires one; Actuator, which would provide it, is not on this
	 * classpath.
	 */
	@Bean
	ObservationRegistry observationRegistry() {
		return ObservationRegistry.create();
	}

}
