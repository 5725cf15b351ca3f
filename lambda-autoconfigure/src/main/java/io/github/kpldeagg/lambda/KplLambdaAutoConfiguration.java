package io.github.kpldeagg.lambda;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.KinesisEventProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Primary;

/**
 * In an AWS Lambda function run by Spring Cloud Function's {@code FunctionInvoker}, calls
 * a consumer of {@link io.github.kpldeagg.core.UserRecord} (or of {@code byte[]},
 * {@code String}, an application type read from JSON, or a {@code Message} of one of
 * them) once per user record of a Kinesis event, and answers with the partial batch
 * response ({@code {"batchItemFailures":[...]}}).
 * <p>
 * After Spring Cloud Function's observation configuration, so that its function
 * observation exists and is chained rather than backing off; and, first, after Boot's,
 * which that one needs before it but does not declare: naming only Spring Cloud
 * Function's here would move it ahead of Boot's.
 *
 * @author The kpl-deagg maintainers
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.cloud.function.observability.ObservationAutoConfiguration" })
@ConditionalOnClass(value = { Deaggregator.class, KinesisEvent.class, FunctionAroundWrapper.class },
		name = "org.springframework.cloud.function.adapter.aws.FunctionInvoker")
@ConditionalOnProperty(prefix = "kpl.deaggregation", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(KplLambdaProperties.class)
@ImportRuntimeHints(FunctionAroundWrapperInjection.FieldRuntimeHints.class)
public class KplLambdaAutoConfiguration {

	private static final Log logger = LogFactory.getLog(KplLambdaAutoConfiguration.class);

	/**
	 * Creates the processor that deaggregates each Kinesis event and builds the partial
	 * batch response; an application's own {@code KinesisEventProcessor} bean replaces
	 * it.
	 * @param properties the corrupt-aggregate policy
	 * @return the processor
	 */
	@Bean
	@ConditionalOnMissingBean
	public KinesisEventProcessor kplKinesisEventProcessor(KplLambdaProperties properties) {
		return KinesisEventProcessor
			.of(Deaggregator.builder().corruptAggregatePolicy(properties.getCorruptAggregatePolicy()).build());
	}

	/**
	 * Creates the wrapper that calls a consumer of user records once per user record of a
	 * Kinesis event. Primary because Spring Cloud Function uses a single wrapper; this
	 * one calls the other one itself.
	 * @param processor deaggregates the event and answers with its batch item failures
	 * @param jsonMapper reads the event JSON, and user records for JSON-typed functions
	 * @param wrappers the wrapper that would otherwise have been there (such as Spring
	 * Cloud Function's observation wrapper), chained around each user record's call
	 * @return the wrapper
	 */
	@Bean
	@Primary
	@ConditionalOnMissingBean(name = "kplDeaggregatingFunctionAroundWrapper")
	public FunctionAroundWrapper kplDeaggregatingFunctionAroundWrapper(KinesisEventProcessor processor,
			JsonMapper jsonMapper, ObjectProvider<FunctionAroundWrapper> wrappers) {
		// Spring Cloud Function skips every wrapper when this system property is false.
		if ("false".equalsIgnoreCase(System.getProperty("spring.cloud.function.observability.enabled"))) {
			logger.warn("-Dspring.cloud.function.observability.enabled=false: Spring Cloud Function then skips "
					+ "function wrappers, so Kinesis events are not deaggregated");
		}
		return new DeaggregatingFunctionAroundWrapper(processor, jsonMapper, wrappers);
	}

	/**
	 * Run from code generated ahead of time, the function registry would get no wrapper
	 * at all without it.
	 * @return the injection, without which code generated ahead of time would give the
	 * function registry no wrapper at all
	 */
	@Bean
	static FunctionAroundWrapperInjection kplFunctionAroundWrapperInjection() {
		return new FunctionAroundWrapperInjection();
	}

}
