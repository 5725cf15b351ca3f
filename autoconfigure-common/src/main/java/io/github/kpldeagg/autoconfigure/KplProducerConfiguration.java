package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.MicrometerProducerMetrics;
import io.github.kpldeagg.producer.ProducerConfiguration;
import io.github.kpldeagg.producer.ProducerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link AggregatingProducer} bean on either Spring line, configured under
 * {@code kpl.producer} and closed (drained) when the application stops, with Micrometer
 * metrics when there is a {@link MeterRegistry}. Imported by each line's producer
 * auto-configuration, which supplies the {@link KinesisAsyncClient} when the application
 * has none, and the producer bindings. Not for applications.
 *
 * @author The kpl-deagg maintainers
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KplProducerProperties.class)
public class KplProducerConfiguration {

	/**
	 * The producer's configuration, from the properties.
	 * @param properties the {@code kpl.producer} properties
	 * @param metrics the application's metrics, if unique
	 * @return the configuration
	 */
	@Bean
	@ConditionalOnMissingBean
	ProducerConfiguration kplProducerConfiguration(KplProducerProperties properties,
			ObjectProvider<ProducerMetrics> metrics) {
		return properties.configuration(metrics.getIfUnique(() -> ProducerMetrics.NONE));
	}

	/**
	 * Closed when the application stops: refuses new user records and waits until every
	 * outstanding one is put or expired ({@code RecordTtl}).
	 * @param kinesis the client it puts with
	 * @param kplProducerConfiguration its configuration
	 * @return the producer
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AggregatingProducer aggregatingProducer(KinesisAsyncClient kinesis,
			ProducerConfiguration kplProducerConfiguration) {
		return AggregatingProducer.create(kinesis, kplProducerConfiguration);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		/**
		 * Counts to the application's registry, if it has one.
		 * @param registry the application's registry
		 * @return the metrics
		 */
		@Bean
		@ConditionalOnMissingBean
		ProducerMetrics kplProducerMetrics(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meterRegistry = registry.getIfUnique();
			return (meterRegistry != null) ? new MicrometerProducerMetrics(meterRegistry) : ProducerMetrics.NONE;
		}

	}

}
