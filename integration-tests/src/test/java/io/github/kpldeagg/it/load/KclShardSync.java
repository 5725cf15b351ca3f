package io.github.kpldeagg.it.load;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.kinesis.integration.KclMessageDrivenChannelAdapter;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In the binder's KCL mode, KCL looks for shards once a minute by default, and the first
 * user record then takes over a minute; once a second instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.stream.kinesis.binder.kpl-kcl-enabled", havingValue = "true")
public class KclShardSync {

	@Bean
	ConsumerEndpointCustomizer<KclMessageDrivenChannelAdapter> fastShardSync() {
		return (adapter, destination, group) -> adapter
			.setLeaseManagementConfigCustomizer((leases) -> leases.shardSyncIntervalMillis(1_000));
	}

	/**
	 * Spring Cloud AWS 4.0.0's binder fails to build its CloudWatch client in KCL mode
	 * without one. See docs/upstream/kinesis-kcl-cloudwatch-npe.md.
	 */
	@Bean
	AwsClientCustomizer<CloudWatchAsyncClientBuilder> cloudWatchClientCustomizer() {
		return (builder) -> {
		};
	}

}
