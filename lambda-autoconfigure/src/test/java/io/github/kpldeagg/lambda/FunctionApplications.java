package io.github.kpldeagg.lambda;

import java.util.function.Consumer;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.github.kpldeagg.core.UserRecord;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/** Spring Boot applications as a user writes them, one per {@code MAIN_CLASS}. */
final class FunctionApplications {

	private FunctionApplications() {
	}

	/** An application type the functions read from a user record's JSON. */
	record Order(int i, String msg) {
	}

	/** Functions of each kind, picked with spring.cloud.function.definition; observed. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ManyFunctions {

		@Bean
		Consumer<UserRecord> userRecords() {
			return Received::accept;
		}

		@Bean
		Consumer<byte[]> bytes() {
			return Received::accept;
		}

		@Bean
		Consumer<String> text() {
			return Received::accept;
		}

		@Bean
		Consumer<Message<UserRecord>> messages() {
			return Received::accept;
		}

		@Bean
		Consumer<Order> orders() {
			return Received::accept;
		}

		@Bean
		Consumer<KinesisEvent> wholeEvents() {
			return Received::accept;
		}

		@Bean
		Function<String, String> uppercase() {
			return String::toUpperCase;
		}

		@Bean
		ObservationHandler<Observation.Context> functionObservations() {
			return Received.observations();
		}

	}

	/** One function and no definition, the simplest deployment. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OneFunction {

		@Bean
		Consumer<UserRecord> process() {
			return Received::accept;
		}

	}

}
