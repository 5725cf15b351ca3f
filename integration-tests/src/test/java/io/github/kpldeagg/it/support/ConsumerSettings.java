package io.github.kpldeagg.it.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties of a {@link ConsumerApp} reading one stream as one consumer group, with
 * its checkpoints and shard locks in the local DynamoDB. Everything points at 127.0.0.1
 * with region us-east-1 and fake static credentials. Polls, back-off and lock lease are
 * shortened so that the tests run in seconds.
 */
public final class ConsumerSettings {

	private static final String BINDING = "spring.cloud.stream.bindings." + ConsumerApp.BINDING + ".";

	private static final String KINESIS_CONSUMER = "spring.cloud.stream.kinesis.bindings." + ConsumerApp.BINDING
			+ ".consumer.";

	private final Map<String, String> properties = new LinkedHashMap<>();

	private ConsumerSettings() {
	}

	public static ConsumerSettings of(LocalAws aws, String stream, String group) {
		ConsumerSettings settings = new ConsumerSettings();
		settings.set("spring.cloud.function.definition", ConsumerApp.FUNCTION)
			.set(BINDING + "destination", stream)
			.set(BINDING + "group", group)
			.set("spring.cloud.aws.endpoint", aws.kinesis().endpoint().toString())
			.set("spring.cloud.aws.dynamodb.endpoint", aws.dynamoDb().endpoint().toString())
			.set("spring.cloud.aws.region.static", "us-east-1")
			.set("spring.cloud.aws.credentials.access-key", "fake-access-key")
			.set("spring.cloud.aws.credentials.secret-key", "fake-secret-key")
			.set("spring.cloud.stream.kinesis.binder.auto-create-stream", "false")
			.set("spring.cloud.stream.kinesis.binder.describe-stream-backoff", "200")
			.set("spring.cloud.stream.kinesis.binder.locks.lease-duration", "10s")
			.set("spring.cloud.stream.kinesis.binder.locks.refresh-period", "500ms")
			.set(KINESIS_CONSUMER + "idle-between-polls", "250")
			.set(KINESIS_CONSUMER + "consumer-backoff", "1000")
			.set(KINESIS_CONSUMER + "records-limit", "200")
			.set("spring.jmx.enabled", "false")
			.set("spring.main.banner-mode", "off");
		return settings;
	}

	public ConsumerSettings set(String name, String value) {
		this.properties.put(name, value);
		return this;
	}

	/**
	 * {@code record}: checkpoint after each Kinesis record, that is after all the user
	 * records of an aggregate.
	 */
	public ConsumerSettings checkpointMode(String mode) {
		return set(KINESIS_CONSUMER + "checkpoint-mode", mode);
	}

	/**
	 * Names the bean that handles the binding's errors
	 * ({@code error-handler-definition}).
	 */
	public ConsumerSettings errorHandler(String beanName) {
		return set(BINDING + "error-handler-definition", beanName);
	}

	public ConsumerSettings instance(String name) {
		return set(ConsumerApp.INSTANCE_PROPERTY, name);
	}

	public Map<String, Object> asMap() {
		return new LinkedHashMap<>(this.properties);
	}

	/** As command-line arguments of a Spring Boot application. */
	public List<String> asArguments() {
		return this.properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toList();
	}

}
