package io.github.kpldeagg.sample;

import io.github.kpldeagg.sample.check.DeliveryLedger;
import io.github.kpldeagg.sample.embedded.EmbeddedKinesis;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.metadata.SimpleMetadataStore;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * Puts KPL aggregates on a Kinesis stream and reads them back as user records through the
 * Spring Cloud Stream Kinesis binder and the kpl-deagg starter. Without
 * {@code spring.cloud.aws.endpoint} it runs its own kinesis-local on 127.0.0.1. It exits
 * after the run with 0 when every check passed, unless {@code sample.keep-running} is set
 * or the producer is off.
 *
 * @author The kpl-deagg maintainers
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.initializers(new EmbeddedKinesis())
			.run(args);
		if (context.getBean(SampleProperties.class).exitsAfterRun()) {
			System.exit(SpringApplication.exit(context));
		}
	}

	@Bean
	DeliveryLedger deliveryLedger() {
		return DeliveryLedger.forNewRun();
	}

	/**
	 * Checkpoints in memory instead of the binder's DynamoDB tables: every start reads
	 * the stream from its start.
	 * @return checkpoints in memory instead of the binder's DynamoDB tables
	 */
	@Bean
	ConcurrentMetadataStore checkpointStore() {
		return new SimpleMetadataStore();
	}

	/**
	 * Shard locks in memory instead of in DynamoDB: enough for one instance.
	 * @return shard locks in memory instead of in DynamoDB
	 */
	@Bean
	LockRegistry lockRegistry() {
		return new DefaultLockRegistry();
	}

	/**
	 * The binder requires one; an app with Spring Boot Actuator gets it from there.
	 * @return the binder requires one
	 */
	@Bean
	ObservationRegistry observationRegistry() {
		return ObservationRegistry.NOOP;
	}

}
