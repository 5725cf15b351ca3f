package io.github.kpldeagg.lambda;

import io.github.kpldeagg.core.CorruptAggregatePolicy;
import io.github.kpldeagg.core.KinesisEventProcessor;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.function.observability.ObservationFunctionAroundWrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class KplLambdaAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ObservationAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class,
					org.springframework.cloud.function.observability.ObservationAutoConfiguration.class,
					KplLambdaAutoConfiguration.class));

	@Test
	void theDeaggregatingWrapperIsThePrimaryOneAndFunctionObservationStays() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ObservationRegistry.class);
			assertThat(context.getBeansOfType(FunctionAroundWrapper.class)).hasSize(2);
			assertThat(context.getBean(FunctionAroundWrapper.class))
				.isInstanceOf(DeaggregatingFunctionAroundWrapper.class);
			assertThat(context).hasSingleBean(ObservationFunctionAroundWrapper.class);
			assertThat(context).hasSingleBean(KinesisEventProcessor.class);
		});
	}

	@Test
	void switchedOffOnlyFunctionObservationRemains() {
		this.runner.withPropertyValues("kpl.deaggregation.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(KinesisEventProcessor.class);
			assertThat(context.getBean(FunctionAroundWrapper.class))
				.isInstanceOf(ObservationFunctionAroundWrapper.class);
		});
	}

	@Test
	void outsideLambdaItBacksOff() {
		this.runner.withClassLoader(new FilteredClassLoader(FunctionInvoker.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(KinesisEventProcessor.class);
			assertThat(context).doesNotHaveBean("kplDeaggregatingFunctionAroundWrapper");
		});
	}

	@Test
	void theCorruptAggregatePolicyIsBound() {
		this.runner.withPropertyValues("kpl.deaggregation.corrupt-aggregate-policy=fail")
			.run((context) -> assertThat(context.getBean(KplLambdaProperties.class).getCorruptAggregatePolicy())
				.isEqualTo(CorruptAggregatePolicy.FAIL));
	}

	@Test
	void anApplicationsProcessorIsUsed() {
		this.runner.withUserConfiguration(OwnProcessor.class).run((context) -> {
			assertThat(context).hasSingleBean(KinesisEventProcessor.class);
			assertThat(context.getBean(KinesisEventProcessor.class)).isSameAs(OwnProcessor.PROCESSOR);
		});
	}

	@Test
	void anApplicationsOwnWrapperIsChainedAndFunctionObservationBacksOffAsWithoutTheStarter() {
		this.runner.withUserConfiguration(OwnWrapper.class).run((context) -> {
			assertThat(context.getBeansOfType(FunctionAroundWrapper.class)).containsOnlyKeys("ownWrapper",
					"kplDeaggregatingFunctionAroundWrapper");
			assertThat(context.getBean(FunctionAroundWrapper.class))
				.isInstanceOf(DeaggregatingFunctionAroundWrapper.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnProcessor {

		static final KinesisEventProcessor PROCESSOR = KinesisEventProcessor.create();

		@Bean
		KinesisEventProcessor ownProcessor() {
			return PROCESSOR;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWrapper {

		@Bean
		FunctionAroundWrapper ownWrapper() {
			return new FunctionAroundWrapper() {
				@Override
				protected Object doApply(Object input, FunctionInvocationWrapper targetFunction) {
					return targetFunction.apply(input);
				}
			};
		}

	}

}
