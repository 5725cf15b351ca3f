package io.github.kpldeagg.benchmarks.fanout;

import java.util.function.Consumer;

import io.github.kpldeagg.core.UserRecord;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application with the starter and one {@code Consumer<UserRecord>}, bound by Spring
 * Cloud Stream's test binder: the binding channel, its interceptors, the function invoker
 * and the message converters are the ones a Kinesis binding gets, with no network.
 *
 * @author The kpl-deagg maintainers
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableTestBinder
class FanOutApplication {

	static final String FUNCTION = "consume";
	static final String BINDING = FUNCTION + "-in-0";

	@Bean
	Consumer<UserRecord> consume() {
		return new UserRecordSink();
	}

}
