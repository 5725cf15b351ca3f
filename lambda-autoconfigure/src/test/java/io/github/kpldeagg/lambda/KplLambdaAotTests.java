package io.github.kpldeagg.lambda;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.lambda.LambdaEvents.KinesisRecord;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda auto-configuration processed ahead of time, as a native Lambda function's
 * build processes it: started from the generated code, it deaggregates a Kinesis event,
 * with Spring Cloud Function's function observation chained. It reads the event as maps
 * and lists (no {@code KinesisEvent} bound by Jackson) and writes the response as maps;
 * Spring Cloud Function registers the functions' input types, Spring Boot the properties.
 * Its one hint is for {@link FunctionAroundWrapperInjection}.
 */
@CompileWithForkedClassLoader
class KplLambdaAotTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ObservationAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class,
					org.springframework.cloud.function.observability.ObservationAutoConfiguration.class,
					KplLambdaAutoConfiguration.class))
		.withUserConfiguration(UserRecordFunction.class);

	@Test
	void startsFromTheGeneratedCodeAndCallsTheFunctionOncePerUserRecord() {
		Received.reset();
		List<KinesisRecord> records = LambdaEvents.firstShard().subList(0, 3);
		long userRecords = records.stream().mapToLong((record) -> record.userRecords().size()).sum();
		this.runner.prepare((context) -> {
			TestGenerationContext generationContext = new TestGenerationContext(TestTarget.class);
			ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(
					(GenericApplicationContext) context.getSourceApplicationContext(), generationContext);
			generationContext.writeGeneratedContent();
			assertHints(generationContext.getRuntimeHints());
			TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
				// As the application runs from the generated
				// code: -Dspring.aot.enabled=true.
				System.setProperty(AotDetector.AOT_ENABLED, "true");
				try (GenericApplicationContext aotContext = new GenericApplicationContext()) {
					@SuppressWarnings("unchecked")
					ApplicationContextInitializer<GenericApplicationContext> generated = compiled
						.getInstance(ApplicationContextInitializer.class, initializer.toString());
					generated.initialize(aotContext);
					aotContext.refresh();

					assertThat(aotContext.getBean(FunctionAroundWrapper.class))
						.isInstanceOf(DeaggregatingFunctionAroundWrapper.class);
					FunctionInvocationWrapper function = aotContext.getBean(FunctionCatalog.class)
						.lookup("userRecords");
					// As FunctionInvoker hands it the event: the JSON bytes.
					Object response = function.apply(MessageBuilder.withPayload(LambdaEvents.event(records)).build());

					assertThat(new String((byte[]) ((Message<?>) response).getPayload(), StandardCharsets.UTF_8))
						.isEqualTo("{\"batchItemFailures\":[]}");
					assertThat(Received.PAYLOADS).hasSize((int) userRecords).allMatch(UserRecord.class::isInstance);
					// Spring Cloud Function's observation, chained: one per user record.
					assertThat(Received.OBSERVATIONS).hasSize((int) userRecords).containsOnly("spring.cloud.function");
				}
				finally {
					System.clearProperty(AotDetector.AOT_ENABLED);
				}
			});
		});
	}

	@Test
	void registersTheRegistrysWrapperFieldThatTheInjectionSets() {
		RuntimeHints hints = new RuntimeHints();
		new FunctionAroundWrapperInjection.FieldRuntimeHints().registerHints(hints, getClass().getClassLoader());

		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(SimpleFunctionRegistry.class, FunctionAroundWrapperInjection.FIELD)).accepts(hints);
	}

	private static void assertHints(RuntimeHints hints) {
		// The starter's own.
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(SimpleFunctionRegistry.class, FunctionAroundWrapperInjection.FIELD)).accepts(hints);
		// Spring Cloud Function's, for the function's input type.
		assertThat(RuntimeHintsPredicates.reflection().onType(UserRecord.class)).accepts(hints);
		// Spring Boot's, for binding the properties.
		assertThat(RuntimeHintsPredicates.reflection().onType(KplLambdaProperties.class)).accepts(hints);
	}

	/** Where the generated initializer goes. */
	static class TestTarget {

	}

	/** A consumer of user records, and a handler that records function observations. */
	@Configuration(proxyBeanMethods = false)
	static class UserRecordFunction {

		@Bean
		Consumer<UserRecord> userRecords() {
			return Received::accept;
		}

		@Bean
		ObservationHandler<Observation.Context> functionObservations() {
			return Received.observations();
		}

	}

}
