package io.github.kpldeagg.autoconfigure.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.kpldeagg.emulator.KinesisLocal;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts test applications with the real Kinesis binder, pointed at a local emulator. */
final class BinderApplications {

	private BinderApplications() {
	}

	/**
	 * The properties every test application needs: the emulator's endpoint, a region and
	 * fake static credentials for every AWS client, and fast polling.
	 */
	static Map<String, Object> common(String kinesisEndpoint) {
		Map<String, Object> properties = new TreeMap<>();
		properties.put("spring.cloud.aws.endpoint", kinesisEndpoint);
		properties.put("spring.cloud.aws.region.static", "us-east-1");
		properties.put("spring.cloud.aws.credentials.access-key", "fake-access-key");
		properties.put("spring.cloud.aws.credentials.secret-key", "fake-secret-key");
		properties.put("spring.cloud.stream.kinesis.default.consumer.idle-between-polls", 100);
		properties.put("spring.cloud.stream.kinesis.default.consumer.consumer-backoff", 100);
		properties.put("spring.main.web-application-type", "none");
		return properties;
	}

	/**
	 * Each function reads the stream named after it, in consumer group {@code it} (from
	 * the start of the stream).
	 */
	static void bindEachToItsStream(Map<String, Object> properties, List<String> functions) {
		properties.put("spring.cloud.function.definition", String.join(";", functions));
		for (String function : functions) {
			properties.put("spring.cloud.stream.bindings." + function + "-in-0.destination", function);
			properties.put("spring.cloud.stream.bindings." + function + "-in-0.group", "it");
		}
	}

	/**
	 * The bindings of functions that take raw {@code byte[]}: their content type, or
	 * Spring Boot 4's JSON converter would parse the bytes of the binding's default
	 * {@code application/json}.
	 */
	static void rawBytes(Map<String, Object> properties, List<String> functions) {
		for (String function : functions) {
			properties.put("spring.cloud.stream.bindings." + function + "-in-0.content-type",
					"application/octet-stream");
		}
	}

	/** Closes what a test started, the application first: either may be null. */
	static void close(@Nullable ConfigurableApplicationContext application, @Nullable KinesisLocal kinesis) {
		try {
			if (application != null) {
				application.close();
			}
		}
		finally {
			if (kinesis != null) {
				kinesis.close();
			}
		}
	}

	static ConfigurableApplicationContext run(Class<?> application, Map<String, Object> properties) {
		List<String> arguments = new ArrayList<>();
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
	}

}
