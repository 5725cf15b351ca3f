package io.github.kpldeagg.autoconfigure.it;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.metadata.SimpleMetadataStore;
import org.springframework.integration.support.locks.DefaultLockRegistry;

/** Checkpoints and shard locks in memory, in place of the binder's DynamoDB ones. */
@Configuration(proxyBeanMethods = false)
class InMemoryCheckpoints {

	@Bean
	ConcurrentMetadataStore checkpointStore() {
		return new SimpleMetadataStore();
	}

	/** Of its own type: the lock registry's interface is generic on one line only. */
	@Bean
	DefaultLockRegistry lockRegistry() {
		return new DefaultLockRegistry();
	}

}
