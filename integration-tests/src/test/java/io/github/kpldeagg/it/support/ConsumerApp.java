package io.github.kpldeagg.it.support;

import java.util.function.Consumer;

import io.github.kpldeagg.core.UserRecord;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;

/**
 * The consumer application of these tests: a Spring Boot app with the Kinesis binder and
 * the starter, whose one function {@value #FUNCTION} takes {@code Message<UserRecord>}
 * and hands each to the {@link DeliveryHandler} bean.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ConsumerApp {

	public static final String FUNCTION = "userRecords";

	public static final String BINDING = FUNCTION + "-in-0";

	public static final String INSTANCE_PROPERTY = "it.instance";

	@Bean
	Consumer<Message<UserRecord>> userRecords(DeliveryHandler handler, Environment environment) {
		String instance = environment.getProperty(INSTANCE_PROPERTY, "consumer");
		return (message) -> handler.handle(Delivery.of(instance, message));
	}

	/**
	 * The binder needs one; Actuator, which would provide it, is not on this classpath.
	 */
	@Bean
	ObservationRegistry observationRegistry() {
		return ObservationRegistry.NOOP;
	}

}
