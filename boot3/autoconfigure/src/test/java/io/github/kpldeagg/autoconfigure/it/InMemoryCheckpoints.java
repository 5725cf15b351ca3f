package io.github.kpldeagg.autoconfigure.it;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.metadata.SimpleMetadataStore;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

/** Checkpoints and shard locks in memory, in place of the binder's DynamoDB ones. */
@Configuration(proxyBeanMethods = false)
class InMemoryCheckpoints {

    @Bean
    ConcurrentMetadataStore checkpointStore() {
        return new SimpleMetadataStore();
    }

    @Bean
    LockRegistry lockRegistry() {
        return new DefaultLockRegistry();
    }
}
