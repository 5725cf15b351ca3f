package io.github.kpldeagg.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Primary;

/**
 * The beans of KPL deaggregation on either Spring line, imported by the line's
 * auto-configuration, which supplies the {@link BinderLine} as a bean. The hints for what
 * it reaches by name or reflection come with it: what this class imports and what the
 * line's auto-configuration imports for {@link BinderInternals}.
 *
 * @author The kpl-deagg maintainers
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KplDeaggregationProperties.class)
@ImportRuntimeHints(UserRecordMessageConverter.KclRecordRuntimeHints.class)
public class KplDeaggregationConfiguration {

	// No @ConditionalOnMissingBean on the beans of package-private types: an application
	// cannot declare one. The converter, public with a public constructor, it can.

	@Bean
	DeaggregatingBindings kplDeaggregatingBindings(BinderLine kplBinderLine) {
		return new DeaggregatingBindings(kplBinderLine);
	}

	@Bean
	KclStopCheckpoints kplKclStopCheckpoints() {
		return new KclStopCheckpoints();
	}

	/**
	 * Primary because Spring Cloud Stream applies only a unique one; it runs the other
	 * ones itself, so an application's own {@link BinderCustomizer} must not be primary
	 * too. Created when the application starts, which is when an unsupported binder
	 * version should fail.
	 * @param properties the properties
	 * @param listeners the listeners
	 * @param bindings the bindings
	 * @param kplBinderLine the kpl binder line
	 * @param binderCustomizers the binder customizers
	 * @param kclStopCheckpoints the kcl stop checkpoints
	 * @return the customizer, primary because Spring Cloud Stream applies only a unique
	 * one
	 */
	@Bean
	@Primary
	DeaggregatingBinderCustomizer kplDeaggregatingBinderCustomizer(KplDeaggregationProperties properties,
			ObjectProvider<DeaggregationListeners> listeners, DeaggregatingBindings bindings, BinderLine kplBinderLine,
			ObjectProvider<BinderCustomizer> binderCustomizers, KclStopCheckpoints kclStopCheckpoints) {
		BinderInternals.verify(kplBinderLine);
		return new DeaggregatingBinderCustomizer(properties,
				listeners.getIfAvailable(() -> DeaggregationListeners.NONE), bindings, kplBinderLine, binderCustomizers,
				kclStopCheckpoints);
	}

	@Bean
	@ConditionalOnMissingBean
	UserRecordMessageConverter userRecordMessageConverter() {
		return new UserRecordMessageConverter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		DeaggregationListeners kplDeaggregationMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			return new MicrometerDeaggregationListeners(meterRegistry);
		}

	}

}
