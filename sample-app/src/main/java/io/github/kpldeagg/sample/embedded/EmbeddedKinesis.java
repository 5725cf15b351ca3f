package io.github.kpldeagg.sample.embedded;

import io.github.kpldeagg.emulator.KinesisLocal;
import io.github.kpldeagg.sample.SampleProperties;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Unless {@code spring.cloud.aws.endpoint} is set, starts kinesis-local on 127.0.0.1, creates the sample's
 * stream and points the app's AWS clients at it with a region and static fake credentials. Runs as an
 * initializer, before any bean exists, and once logging is set up, so a failure is reported like any
 * other start-up failure. The emulator stops after every bean of the context has been destroyed.
 */
public class EmbeddedKinesis implements ApplicationContextInitializer<GenericApplicationContext> {

    static final String ENDPOINT = "spring.cloud.aws.endpoint";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKinesis.class);

    @Override
    public void initialize(GenericApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (environment.containsProperty(ENDPOINT)) {
            log.info("Using the Kinesis at {}={}", ENDPOINT, environment.getProperty(ENDPOINT));
            return;
        }
        SampleProperties sample = Binder.get(environment).bindOrCreate("sample", SampleProperties.class);
        log.info("{} is not set: starting kinesis-local on 127.0.0.1 (npm installs it on the first run)", ENDPOINT);
        long start = System.nanoTime();
        KinesisLocal kinesis = KinesisLocal.start();
        // Registered before any other bean, so destroyed after all of them, the binder's consumers included.
        DefaultListableBeanFactory beanFactory = context.getDefaultListableBeanFactory();
        beanFactory.registerSingleton("kinesisLocal", kinesis);
        beanFactory.registerDisposableBean("kinesisLocal", kinesis::close);
        kinesis.createStream(sample.stream(), sample.shards());
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedKinesis", Map.of(
                ENDPOINT, kinesis.endpoint().toString(),
                "spring.cloud.aws.region.static", "us-east-1",
                "spring.cloud.aws.credentials.access-key", "fake-access-key",
                "spring.cloud.aws.credentials.secret-key", "fake-secret-key")));
        log.info("kinesis-local listens on {}; stream '{}' with {} shards created in {} ms", kinesis.endpoint(),
                sample.stream(), sample.shards(), Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
