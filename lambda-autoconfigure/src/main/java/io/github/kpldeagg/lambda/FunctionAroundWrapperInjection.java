package io.github.kpldeagg.lambda;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AutowiredAnnotationBeanPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;
import org.springframework.util.ReflectionUtils;

/**
 * Gives Spring Cloud Function's function registry its {@code FunctionAroundWrapper} in an
 * application run from the code generated ahead of time, as a native image runs it.
 * Spring Cloud Function injects the wrapper into a private
 * {@code @Autowired(required = false)} field of {@link SimpleFunctionRegistry}, which its
 * auto-configuration declares as a {@code FunctionRegistry}: the ahead-of-time processing
 * sees no such field on that type and generates no injection, so that neither the
 * deaggregating wrapper nor Spring Cloud Function's function observation would run. This
 * does what Spring's {@link AutowiredAnnotationBeanPostProcessor} does on the JVM without
 * AOT, where this does nothing. See docs/upstream/scf-function-around-wrapper-aot.md.
 *
 * @author The kpl-deagg maintainers
 */
class FunctionAroundWrapperInjection implements BeanPostProcessor, BeanFactoryAware {

	static final String FIELD = "functionAroundWrapper";

	private @Nullable AutowiredAnnotationBeanPostProcessor autowiring;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		if (AotDetector.useGeneratedArtifacts()) {
			AutowiredAnnotationBeanPostProcessor autowiring = new AutowiredAnnotationBeanPostProcessor();
			autowiring.setBeanFactory(beanFactory);
			this.autowiring = autowiring;
		}
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		if (this.autowiring != null && bean instanceof SimpleFunctionRegistry) {
			this.autowiring.processInjection(bean);
		}
		return bean;
	}

	/** The field the injection sets, by reflection in a native image too. */
	static class FieldRuntimeHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			Field field = ReflectionUtils.findField(SimpleFunctionRegistry.class, FIELD);
			if (field == null) {
				throw new IllegalStateException(SimpleFunctionRegistry.class.getName() + " has no field " + FIELD
						+ ": this Spring Cloud Function is not one the Lambda starter supports");
			}
			hints.reflection().registerField(field);
		}

	}

}
