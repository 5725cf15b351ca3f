package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Proxy;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.mapping.InboundMessageMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The start-up check of the binder internals that deaggregation reads: a binder version
 * without them fails the application when it starts, naming the supported versions,
 * instead of its first binding.
 */
@TestedBinderLine.Required
class BinderCompatibilityTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TestedBinderLine.AUTO_CONFIGURATION));

	@Test
	void theBinderOnTheClasspathHasWhatDeaggregationReads() {
		assertThatNoException().isThrownBy(() -> BinderInternals.verify(TestedBinderLine.LINE));
		this.runner
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DeaggregatingBinderCustomizer.class));
	}

	@Test
	void aBinderWhosePollingAdapterLacksAFieldFailsTheApplicationAtStartUp() {
		this.runner
			.withBean("unsupportedBinder", BinderLine.class, () -> withPollingAdapter(AdapterOfAnotherVersion.class),
					(definition) -> definition.setPrimary(true))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(IncompatibleKinesisBinderException.class)
					.hasMessageContaining(AdapterOfAnotherVersion.class.getName() + " has no field")
					.hasMessageContaining("Supported: " + TestedBinderLine.LINE.supportedBinder());
			});
	}

	@Test
	void springBootsFailureReportNamesTheSupportedBinders() {
		// Boot's own analyzers need what Boot gives them at start-up: only whether ours
		// is registered matters here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null,
					SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
					})))
			.hasAtLeastOneElementOfType(IncompatibleKinesisBinderFailureAnalyzer.class);
		this.runner
			.withBean("unsupportedBinder", BinderLine.class, () -> withPollingAdapter(AdapterOfAnotherVersion.class),
					(definition) -> definition.setPrimary(true))
			.run((context) -> {
				FailureAnalysis analysis = new IncompatibleKinesisBinderFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains(AdapterOfAnotherVersion.class.getName());
				assertThat(analysis.getAction()).startsWith("Use " + TestedBinderLine.LINE.supportedBinder())
					.contains("kpl.deaggregation.enabled=false");
			});
	}

	@Test
	void aFieldOfAnotherTypeFailsToo() {
		this.runner
			.withBean("unsupportedBinder", BinderLine.class,
					() -> withPollingAdapter(AdapterWithAnotherFieldType.class),
					(definition) -> definition.setPrimary(true))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(AdapterWithAnotherFieldType.class.getName()
						+ ".bindSourceRecord is a java.lang.String, not a boolean")
				.hasMessageContaining(TestedBinderLine.LINE.supportedBinder()));
	}

	/** The line's line, but for the polling adapter's class. */
	static BinderLine withPollingAdapter(Class<? extends MessageProducerSupport> adapterType) {
		return (BinderLine) Proxy.newProxyInstance(BinderLine.class.getClassLoader(),
				new Class<?>[] { BinderLine.class },
				(proxy, method, arguments) -> method.getName().equals("pollingAdapterType") ? adapterType
						: method.invoke(TestedBinderLine.LINE, arguments));
	}

	/**
	 * A polling adapter as a future binder version might write it: the embedded-headers
	 * mapper renamed.
	 */
	static class AdapterOfAnotherVersion extends MessageProducerSupport {

		@SuppressWarnings("unused")
		private boolean bindSourceRecord;

	}

	static class AdapterWithAnotherFieldType extends MessageProducerSupport {

		@SuppressWarnings("unused")
		private @Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper;

		@SuppressWarnings("unused")
		private String bindSourceRecord = "true";

	}

}
