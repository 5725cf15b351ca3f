package io.github.kpldeagg.it.load;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.aws.inbound.kinesis.KclMessageDrivenChannelAdapter;

/**
 * In the binder's KCL mode, KCL looks for shards once a minute by default, and the first user record then
 * takes over a minute; once a second instead. (Boot 3 line: the adapter of spring-integration-aws.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.stream.kinesis.binder.kpl-kcl-enabled", havingValue = "true")
public class KclShardSync {

    @Bean
    ConsumerEndpointCustomizer<KclMessageDrivenChannelAdapter> fastShardSync() {
        return (adapter, destination, group) -> adapter.setLeaseManagementConfigCustomizer(
                leases -> leases.shardSyncIntervalMillis(1_000));
    }
}
