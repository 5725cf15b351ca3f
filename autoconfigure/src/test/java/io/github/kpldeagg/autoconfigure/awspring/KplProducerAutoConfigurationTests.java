package io.github.kpldeagg.autoconfigure.awspring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.github.kpldeagg.autoconfigure.KplProducerProperties;
import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.BackPressure;
import io.github.kpldeagg.producer.MicrometerProducerMetrics;
import io.github.kpldeagg.producer.ProducerConfiguration;
import io.github.kpldeagg.producer.ProducerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The auto-configured {@link AggregatingProducer}, without a binder. */
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
	void configuresTheProducerFromTheKplSettingsInKebabCase() {
		this.runner
			.withPropertyValues("kpl.producer.aggregation-enabled=false", "kpl.producer.aggregation-max-count=10",
					"kpl.producer.aggregation-max-size=1000", "kpl.producer.collection-max-count=20",
					"kpl.producer.collection-max-size=2000000", "kpl.producer.max-record-size=2097152",
					"kpl.producer.record-max-buffered-time=50", "kpl.producer.record-ttl=2s",
					"kpl.producer.rate-limit=100", "kpl.producer.max-connections=4",
					"kpl.producer.request-timeout=1500", "kpl.producer.max-outstanding-user-records=1000",
					"kpl.producer.back-pressure=fail")
			.run((context) -> {
				assertThat(context).hasSingleBean(AggregatingProducer.class);
				ProducerConfiguration configuration = context.getBean(ProducerConfiguration.class);
				assertThat(configuration.aggregationEnabled()).isFalse();
				assertThat(configuration.aggregationMaxCount()).isEqualTo(10);
				assertThat(configuration.aggregationMaxSize()).isEqualTo(1000);
				assertThat(configuration.collectionMaxCount()).isEqualTo(20);
				assertThat(configuration.collectionMaxSize()).isEqualTo(2_000_000);
				assertThat(configuration.maxRecordSize()).isEqualTo(2 * 1024 * 1024);
				assertThat(configuration.recordMaxBufferedTime()).as("a number is milliseconds, as the KPL's")
					.isEqualTo(Duration.ofMillis(50));
				assertThat(configuration.recordTtl()).isEqualTo(Duration.ofSeconds(2));
				assertThat(configuration.rateLimit()).isEqualTo(100);
				assertThat(configuration.maxConnections()).isEqualTo(4);
				assertThat(configuration.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
				assertThat(configuration.maxOutstandingUserRecords()).isEqualTo(1000);
				assertThat(configuration.backPressure()).isEqualTo(BackPressure.FAIL);
				assertThat(configuration.metrics()).isSameAs(ProducerMetrics.NONE);
			});
	}

	@Test
	void defaultsToTheProducersDefaults() {
		this.runner.run((context) -> {
			ProducerConfiguration configured = context.getBean(ProducerConfiguration.class);
			ProducerConfiguration defaults = ProducerConfiguration.defaults();
			for (Function<ProducerConfiguration, Object> setting : ProducerSettings.ALL) {
				assertThat(setting.apply(configured)).isEqualTo(setting.apply(defaults));
			}
		});
	}

	@Test
	void anOutOfRangeSettingFailsTheApplicationNamingIt() {
		this.runner.withPropertyValues("kpl.producer.collection-max-count=501")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("collectionMaxCount must be in [1, 500], was 501"));
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
	void takesTheApplicationsOwnMetrics() {
		ProducerMetrics own = new ProducerMetrics() {
		};
		this.runner.withBean(SimpleMeterRegistry.class)
			.withBean(ProducerMetrics.class, () -> own)
			.run((context) -> assertThat(context.getBean(ProducerConfiguration.class).metrics()).isSameAs(own));
	}

	@Test
	void takesTheApplicationsOwnConfiguration() {
		ProducerConfiguration own = ProducerConfiguration.builder().build();
		this.runner.withPropertyValues("kpl.producer.rate-limit=100")
			.withBean(ProducerConfiguration.class, () -> own)
			.run((context) -> assertThat(context).getBean(ProducerConfiguration.class).isSameAs(own));
	}

	@Test
	void takesTheApplicationsOwnProducer() {
		try (AggregatingProducer own = AggregatingProducer.create(UNUSED_CLIENT, ProducerConfiguration.defaults())) {
			this.runner.withBean(AggregatingProducer.class, () -> own)
				.run((context) -> assertThat(context).getBean(AggregatingProducer.class).isSameAs(own));
		}
	}

	@Test
	void putsWithTheApplicationsClient() {
		this.runner.withPropertyValues("spring.cloud.aws.endpoint=http://127.0.0.1:1")
			.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class))
			.run((context) -> assertThat(context).getBean(KinesisAsyncClient.class).isSameAs(UNUSED_CLIENT));
	}

	/**
	 * Without a client of the application's, one built as the binder builds its own: the
	 * binder's context, whose parent is the application's, then takes it.
	 */
	@Test
	void withoutOneBuildsTheClientAsTheBinderBuildsItsOwn() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KplProducerAutoConfiguration.class, AwsAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class))
			.withPropertyValues("spring.cloud.aws.endpoint=http://127.0.0.1:1",
					"spring.cloud.aws.kinesis.endpoint=http://127.0.0.1:2", "spring.cloud.aws.region.static=us-east-1",
					"spring.cloud.aws.credentials.access-key=fake-access-key",
					"spring.cloud.aws.credentials.secret-key=fake-secret-key")
			.run((context) -> {
				assertThat(context).hasSingleBean(AggregatingProducer.class);
				KinesisAsyncClient client = context.getBean("kplProducerKinesisClient", KinesisAsyncClient.class);
				assertThat(client.serviceClientConfiguration().endpointOverride())
					.contains(URI.create("http://127.0.0.1:2"));
			});
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

	/** Every setting of a {@link ProducerConfiguration} but its metrics. */
	private static final class ProducerSettings {

		static final List<Function<ProducerConfiguration, Object>> ALL = List.of(
				ProducerConfiguration::aggregationEnabled, ProducerConfiguration::aggregationMaxCount,
				ProducerConfiguration::aggregationMaxSize, ProducerConfiguration::collectionMaxCount,
				ProducerConfiguration::collectionMaxSize, ProducerConfiguration::maxRecordSize,
				ProducerConfiguration::recordMaxBufferedTime, ProducerConfiguration::recordTtl,
				ProducerConfiguration::rateLimit, ProducerConfiguration::maxConnections,
				ProducerConfiguration::requestTimeout, ProducerConfiguration::maxOutstandingUserRecords,
				ProducerConfiguration::backPressure);

	}

}
