package io.github.kpldeagg.it.producer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A producing application as a user writes it on the current Spring line: the Kinesis
 * binder, the starter and {@code kpl-deagg-producer} on the class path, an output binding
 * its code sends to with {@code StreamBridge}, and nothing else of its own: its producer
 * binding opts in to the AggregatingProducer by property only.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SensorApp {

	/** The output binding ({@code spring.cloud.stream.output-bindings=readings}). */
	static final String BINDING = "readings-out-0";

	/** Where the producer counts (MicrometerProducerMetrics). */
	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * The binder needs one; Actuator, which would provide it, is not on this classpath.
	 */
	@Bean
	ObservationRegistry observationRegistry() {
		return ObservationRegistry.NOOP;
	}

}
