package io.github.kpldeagg.autoconfigure.springcloudstream;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsClientCustomizer;
import io.github.kpldeagg.autoconfigure.AggregatingProducerBindings;
import io.github.kpldeagg.autoconfigure.KplProducerConfiguration;
import io.github.kpldeagg.autoconfigure.KplProducerProperties;
import io.github.kpldeagg.producer.AggregatingProducer;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kinesis.KinesisMessageChannelBinder;
import org.springframework.cloud.stream.binder.kinesis.config.KinesisProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * An {@link AggregatingProducer} to inject ({@link KplProducerConfiguration}, shared by
 * both lines), and the Kinesis producer bindings that opt in write through it. It puts
 * with the application's {@link KinesisAsyncClient}; when the application has none, with
 * one built as the Spring Cloud Stream Kinesis binder 4.0.x builds its own
 * ({@code KinesisBinderConfiguration.amazonKinesis}: its {@link KinesisProperties}, bound
 * to {@code spring.cloud.aws.cloudwatch.*} in that version, and
 * {@code spring.cloud.aws.*}), which the binder then uses too: its client bean backs off
 * when the application's context, the parent of the binder's, has one. Only with
 * {@code kpl-deagg-producer} on the class path.
 *
 * @author The kpl-deagg maintainers
 */
@AutoConfiguration(afterName = "org.springframework.cloud.stream.config.BindingServiceConfiguration")
@ConditionalOnClass({ AggregatingProducer.class, KinesisAsyncClient.class })
@ConditionalOnProperty(prefix = "kpl.producer", name = "enabled", matchIfMissing = true)
@Import(KplProducerConfiguration.class)
public class KplProducerAutoConfiguration {

	/**
	 * The Kinesis client of the binder, when the application has none: what
	 * {@code KinesisBinderConfiguration.amazonKinesis} builds in the binder's context.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AwsClientBuilderConfigurer.class, KinesisProperties.class })
	@EnableConfigurationProperties(KinesisProperties.class)
	static class KinesisClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KinesisAsyncClient kplProducerKinesisClient(AwsClientBuilderConfigurer aws, KinesisProperties kinesis,
				ObjectProvider<AwsClientCustomizer<KinesisAsyncClientBuilder>> customizer) {
			return aws.configure(KinesisAsyncClient.builder(), kinesis, customizer.getIfAvailable()).build();
		}

	}

	/**
	 * The opt-in of producer bindings, run by the starter's binder customizer (or by
	 * Spring Cloud Stream when it is the only one). Created when the application starts,
	 * which is when an unsupported binder version should fail.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KinesisMessageChannelBinder.class)
	@ConditionalOnBean(BindingServiceProperties.class)
	static class BindingsConfiguration {

		@Bean
		AggregatingProducerBindings kplAggregatingProducerBindings(KplProducerProperties properties,
				BindingServiceProperties bindingService, AggregatingProducer producer, KinesisAsyncClient kinesis) {
			return new AggregatingProducerBindings(properties, bindingService, new SpringCloudStreamBinderLine(),
					producer, kinesis);
		}

	}

}
