package io.github.kpldeagg.autoconfigure.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.github.kpldeagg.autoconfigure.BindingModes;
import io.github.kpldeagg.autoconfigure.TestedBinderLine;
import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.emulator.KinesisLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.endpoint.MessageProducerSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Applications that set Spring Cloud Stream up beyond its defaults, each against
 * kinesis-local.
 */
@TestedBinderLine.Required
class BinderSetupsIT {

	private static KinesisLocal kinesis;

	@BeforeAll
	static void startKinesis() {
		kinesis = KinesisLocal.start();
	}

	@AfterAll
	static void stopKinesis() {
		if (kinesis != null) {
			kinesis.close();
		}
	}

	/**
	 * Spring Cloud Stream applies a single BinderCustomizer, the only one or the primary
	 * one: a user's own primary one beside the auto-configured primary one fails the
	 * application at start-up, naming both, instead of leaving the bindings without
	 * deaggregation.
	 */
	@Test
	void aUsersOwnPrimaryBinderCustomizerFailsTheApplicationAtStartUp() {
		Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
		BinderApplications.bindEachToItsStream(properties, List.of("uncustomized"));
		BinderApplications.rawBytes(properties, List.of("uncustomized"));

		assertThatThrownBy(() -> BinderApplications.run(WithAUsersPrimaryBinderCustomizer.class, properties).close())
			.rootCause()
			.isInstanceOf(NoUniqueBeanDefinitionException.class)
			.hasMessageContaining("usersOwnBinderCustomizer")
			.hasMessageContaining("kplDeaggregatingBinderCustomizer");
	}

	/**
	 * A binder with an environment of its own runs in a context without a parent: the
	 * application's beans, its consumer endpoint customizers among them, do not reach it,
	 * but the BinderCustomizer does.
	 */
	@Test
	void aBinderWithItsOwnEnvironmentDeaggregates() {
		putAggregate("ownEnvironment");
		Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
		BinderApplications.bindEachToItsStream(properties, List.of("ownEnvironment"));
		properties.put("spring.cloud.stream.bindings.ownEnvironment-in-0.binder", "own");
		properties.put("spring.cloud.stream.binders.own.type", "kinesis");
		// What the binder's context needs, which the application's context would
		// otherwise give it.
		properties.put("spring.cloud.stream.binders.own.environment.spring.main.sources", Stream
			.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
					RegionProviderAutoConfiguration.class, IntegrationInfrastructure.class, InMemoryCheckpoints.class)
			.map(Class::getName)
			.collect(Collectors.joining(",")));

		try (ConfigurableApplicationContext application = BinderApplications.run(WithABinderOfItsOwnEnvironment.class,
				properties)) {
			assertThat(application.getBean(Received.class).<UserRecord>await("ownEnvironment", 2))
				.extracting(UserRecord::partitionKey)
				.containsExactly("k0", "k1");
			assertThat(application.getBean(AtomicInteger.class).get())
				.as("runs of the application's consumer endpoint customizer")
				.isZero();
			assertThat(BindingModes.of(application)).isEqualTo(Map.of("ownEnvironment-in-0", "DEAGGREGATED"));
		}
	}

	private static KinesisRecord putAggregate(String stream) {
		kinesis.createStream(stream, 1);
		Aggregator aggregator = Aggregator.create();
		aggregator.add("k0", null, "zero".getBytes(StandardCharsets.UTF_8));
		aggregator.add("k1", null, "one".getBytes(StandardCharsets.UTF_8));
		KinesisRecord aggregate = aggregator.flush().orElseThrow();
		kinesis.client()
			.putRecord((request) -> request.streamName(stream)
				.partitionKey(aggregate.partitionKey())
				.data(SdkBytes.fromByteArray(aggregate.data())));
		return aggregate;
	}

	/**
	 * The binder of Spring Cloud AWS 4 needs Spring Integration's beans in its context.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class IntegrationInfrastructure {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ InMemoryCheckpoints.class, TestApplicationBeans.class })
	static class WithAUsersPrimaryBinderCustomizer {

		/** Primary as the auto-configured one is. */
		@Bean
		@Primary
		BinderCustomizer usersOwnBinderCustomizer() {
			return (binder, binderName) -> {
			};
		}

		@Bean
		Consumer<byte[]> uncustomized(Received received) {
			return (data) -> received.add("uncustomized", data);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(TestApplicationBeans.class)
	static class WithABinderOfItsOwnEnvironment {

		@Bean
		AtomicInteger customizations() {
			return new AtomicInteger();
		}

		// Typed as the binder injects it: see
		// docs/upstream/kinesis-consumer-endpoint-customizer-generic.md.
		@Bean
		ConsumerEndpointCustomizer<MessageProducerSupport> countingCustomizations(AtomicInteger customizations) {
			return (endpoint, destination, group) -> customizations.incrementAndGet();
		}

		@Bean
		Consumer<UserRecord> ownEnvironment(Received received) {
			return (userRecord) -> received.add("ownEnvironment", userRecord);
		}

	}

}
