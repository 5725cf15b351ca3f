package io.github.kpldeagg.autoconfigure.springcloudstream;

import java.net.URI;
import java.time.Duration;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.github.kpldeagg.autoconfigure.AggregatingProducerBindings;
import io.github.kpldeagg.autoconfigure.KplProducerProperties;
import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.BackPressure;
import io.github.kpldeagg.producer.MicrometerProducerMetrics;
import io.github.kpldeagg.producer.ProducerConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Boot 3 line's auto-configured {@link AggregatingProducer}, without a binder: what
 * differs from the current line's is the client built when the application has none (as
 * {@code spring-cloud-stream-binder-kinesis} 4.0.x builds its own) and the line the
 * producer bindings are given. The properties are the shared
 * {@link KplProducerProperties}, tested on the current line.
 */
class KplProducerAutoConfigurationTests {

	/** A client that serves nothing: these tests put nothing. */
	private static final KinesisAsyncClient UNUSED_CLIENT = new KinesisAsyncClient() {

		@Override
		public String serviceName() {
			return SERVICE_NAME;
		}

		@Override
		public void close() {
		}

	};

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KplProducerAutoConfiguration.class))
		.withBean(KinesisAsyncClient.class, () -> UNUSED_CLIENT);

	@Test
	void configuresTheProducerFromTheKplSettings() {
		this.runner
			.withPropertyValues("kpl.producer.record-max-buffered-time=50", "kpl.producer.record-ttl=2s",
					"kpl.producer.back-pressure=fail")
			.run((context) -> {
				assertThat(context).hasSingleBean(AggregatingProducer.class);
				ProducerConfiguration configuration = context.getBean(ProducerConfiguration.class);
				assertThat(configuration.recordMaxBufferedTime()).isEqualTo(Duration.ofMillis(50));
				assertThat(configuration.recordTtl()).isEqualTo(Duration.ofSeconds(2));
				assertThat(configuration.backPressure()).isEqualTo(BackPressure.FAIL);
			});
	}

	@Test
	void closesTheProducerWhenTheApplicationStops() {
		this.runner.run((context) -> {
			AggregatingProducer producer = context.getBean(AggregatingProducer.class);
			context.close();
			assertThatThrownBy(() -> producer.addUserRecord("stream", "key", new byte[1]))
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("The producer is closed");
		});
	}

	@Test
	void countsToTheMeterRegistry() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context.getBean(ProducerConfiguration.class).metrics())
				.isInstanceOf(MicrometerProducerMetrics.class));
	}

	@Test
	void putsWithTheApplicationsClient() {
		this.runner.withPropertyValues("spring.cloud.aws.endpoint=http://127.0.0.1:1",
				"spring.cloud.aws.region.static=us-east-1", "spring.cloud.aws.credentials.access-key=fake-access-key",
				"spring.cloud.aws.credentials.secret-key=fake-secret-key")
			.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class))
			.run((context) -> assertThat(context).getBean(KinesisAsyncClient.class).isSameAs(UNUSED_CLIENT));
	}

	/**
	 * Without a client of the application's, one built as the binder's
	 * {@code KinesisBinderConfiguration.amazonKinesis} builds its own, from the binder's
	 * {@code KinesisProperties}: in 4.0.x they are bound to
	 * {@code spring.cloud.aws.cloudwatch.*} (not {@code spring.cloud.aws.kinesis.*}),
	 * then {@code spring.cloud.aws.*}. The binder's context, whose parent is the
	 * application's, then takes it.
	 */
	@Test
	void withoutOneBuildsTheClientAsTheBinderBuildsItsOwn() {
		ApplicationContextRunner withoutClient = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KplProducerAutoConfiguration.class, AwsAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class))
			.withPropertyValues("spring.cloud.aws.endpoint=http://127.0.0.1:1",
					"spring.cloud.aws.region.static=us-east-1",
					"spring.cloud.aws.credentials.access-key=fake-access-key",
					"spring.cloud.aws.credentials.secret-key=fake-secret-key");
		withoutClient.run((context) -> {
			assertThat(context).hasSingleBean(AggregatingProducer.class);
			KinesisAsyncClient client = context.getBean("kplProducerKinesisClient", KinesisAsyncClient.class);
			assertThat(client.serviceClientConfiguration().endpointOverride())
				.contains(URI.create("http://127.0.0.1:1"));
		});
		withoutClient.withPropertyValues("spring.cloud.aws.cloudwatch.endpoint=http://127.0.0.1:2")
			.run((context) -> assertThat(context.getBean("kplProducerKinesisClient", KinesisAsyncClient.class)
				.serviceClientConfiguration()
				.endpointOverride()).contains(URI.create("http://127.0.0.1:2")));
	}

	@Test
	void optsInProducerBindingsOnThisLinesBinder() {
		// What Spring Integration declares, which the binding service's properties
		// convert with.
		this.runner.withBean("integrationConversionService", ConversionService.class, DefaultConversionService::new)
			.withBean(BindingServiceProperties.class)
			.run((context) -> assertThat(context).hasSingleBean(AggregatingProducerBindings.class));
	}

	@Test
	void backsOffWhenSwitchedOff() {
		this.runner.withPropertyValues("kpl.producer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AggregatingProducer.class)
				.doesNotHaveBean(ProducerConfiguration.class));
	}

	@Test
	void backsOffWithoutTheProducerJar() {
		this.runner.withClassLoader(new FilteredClassLoader(AggregatingProducer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AggregatingProducer.class)
				.doesNotHaveBean(KplProducerProperties.class));
	}

}
