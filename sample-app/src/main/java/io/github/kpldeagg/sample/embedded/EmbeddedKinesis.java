package io.github.kpldeagg.sample.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.kpldeagg.emulator.KinesisLocal;
import io.github.kpldeagg.sample.SampleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Unless {@code spring.cloud.aws.endpoint} is set, starts kinesis-local on 127.0.0.1,
 * creates the sample's stream and points the app's AWS clients at it. A Kinesis on
 * loopback, this one or a given one, gets a region and static fake credentials where none
 * are set ({@link LoopbackDefaults}). Runs as an initializer, before any bean exists, and
 * once logging is set up, so a failure is reported like any other start-up failure. The
 * emulator stops after every bean of the context has been destroyed. Processing the
 * application ahead of time starts none.
 *
 * @author The kpl-deagg maintainers
 */
public class EmbeddedKinesis implements ApplicationContextInitializer<GenericApplicationContext> {

	static final String ENDPOINT = "spring.cloud.aws.endpoint";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKinesis.class);

	@Override
	public void initialize(GenericApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String endpoint = environment.getProperty(ENDPOINT);
		if (endpoint == null && Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			// spring-boot:process-aot runs main only to see the context, never refreshed:
			// the application started from what it generates starts kinesis-local then.
			log.info("{} is not set: processing ahead of time, kinesis-local is started by the run", ENDPOINT);
			return;
		}
		if (endpoint == null) {
			endpoint = startKinesisLocal(context);
		}
		else {
			log.info("Using the Kinesis at {}={}", ENDPOINT, endpoint);
		}
		List<LoopbackDefaults.Setting> defaults = LoopbackDefaults.applyTo(environment, endpoint);
		if (!defaults.isEmpty()) {
			log.info("The Kinesis is on loopback: unset settings get the sample's defaults {}", defaults);
		}
	}

	/**
	 * Starts kinesis-local, creates the stream and sets the endpoint; returns the
	 * endpoint.
	 * @param context the context
	 * @return the endpoint of kinesis-local, started, with the stream created
	 */
	private static String startKinesisLocal(GenericApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		SampleProperties sample = Binder.get(environment).bindOrCreate("sample", SampleProperties.class);
		log.info("{} is not set: starting kinesis-local on 127.0.0.1 (npm installs it on the first run)", ENDPOINT);
		long start = System.nanoTime();
		KinesisLocal kinesis = KinesisLocal.start();
		// Registered before any other bean, so destroyed after all of them,
		// the binder's consumers included.
		DefaultListableBeanFactory beanFactory = context.getDefaultListableBeanFactory();
		beanFactory.registerSingleton("kinesisLocal", kinesis);
		beanFactory.registerDisposableBean("kinesisLocal", kinesis::close);
		kinesis.createStream(sample.stream(), sample.shards());
		String endpoint = kinesis.endpoint().toString();
		environment.getPropertySources().addFirst(new MapPropertySource("embeddedKinesis", Map.of(ENDPOINT, endpoint)));
		log.info("kinesis-local listens on {}; stream '{}' with {} shards created in {} ms", endpoint, sample.stream(),
				sample.shards(), Duration.ofNanos(System.nanoTime() - start).toMillis());
		return endpoint;
	}

}
