package io.github.kpldeagg.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.kpldeagg.core.CorruptAggregatePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration processed ahead of time, as {@code spring-boot:process-aot} and
 * a native image build process it: the generated context compiled and started, and the
 * runtime hints it contributes. Spring Boot tests its own auto-configurations so.
 */
@CompileWithForkedClassLoader
@TestedBinderLine.Required
class KplDeaggregationAotTests {

	private static final String[] PROPERTIES = { "kpl.deaggregation.corrupt-aggregate-policy=fail",
			"kpl.deaggregation.bindings.off-in-0.enabled=false" };

	/** Nothing listens there, and nothing here sends a request. */
	private static final KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
		.endpointOverride(URI.create("http://127.0.0.1:1"))
		.region(Region.US_EAST_1)
		.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TestedBinderLine.AUTO_CONFIGURATION))
		.withUserConfiguration(ApplicationBeans.class)
		.withPropertyValues(PROPERTIES);

	@AfterAll
	static void closeClient() {
		kinesis.close();
	}

	/**
	 * One test rather than several: each processing and compilation takes seconds, on
	 * each line.
	 */
	@Test
	void startsFromTheGeneratedCodeAndDeaggregatesTheBindersAdapters() {
		startAheadOfTime((context) -> {
			// The deaggregating customizer is the primary one.
			assertThat(context.getBean(BinderCustomizer.class)).isInstanceOf(DeaggregatingBinderCustomizer.class);
			assertThat(context.getBeansOfType(BinderCustomizer.class)).hasSize(2);
			assertThat(context.getBeanProvider(UserRecordMessageConverter.class).getIfUnique()).isNotNull();
			KplDeaggregationProperties properties = context.getBean(KplDeaggregationProperties.class);
			assertThat(properties.settingsFor("process-in-0").corruptAggregatePolicy())
				.isEqualTo(CorruptAggregatePolicy.FAIL);

			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			context.getBean(BinderCustomizer.class).customize(binder, "kinesis");
			MessageProducerSupport deaggregated = BinderLineObjects.pollingAdapter(kinesis, "process-in-0", null);
			MessageProducerSupport disabled = BinderLineObjects.pollingAdapter(kinesis, "off-in-0", null);
			BinderInternals.consumerEndpointCustomizer(binder).configure(deaggregated, "stream", "group");
			BinderInternals.consumerEndpointCustomizer(binder).configure(disabled, "stream", "group");

			assertThat(deaggregated.getOutputChannel()).isInstanceOf(DeaggregatingChannel.class);
			assertThat(disabled.getOutputChannel()).isNotInstanceOf(DeaggregatingChannel.class);
			assertThat(context.getBean(DeaggregatingBindings.class).modes()).isEqualTo(Map.of("process-in-0",
					DeaggregatingBindings.Mode.DEAGGREGATED, "off-in-0", DeaggregatingBindings.Mode.DISABLED));
			assertThat(context.getBean(RecordingBinderCustomizer.class).customized).containsExactly("kinesis");

			// Counted with the application's meter registry.
			context.getBean(DeaggregationListeners.class).forBinding("process-in-0").aggregate("1", 5, 0);
			assertThat(context.getBean(MeterRegistry.class)
				.get(MicrometerDeaggregationListeners.USER_RECORDS)
				.tag("binding", "process-in-0")
				.counter()
				.count()).isEqualTo(5);
		});
	}

	@Test
	void contributesTheStartersHintsWithThoseSpringInfers() {
		this.runner.prepare((context) -> {
			RuntimeHints hints = processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext())
				.getRuntimeHints();
			// The starter's own: what BinderInternals reads, and KCL's record,
			// looked up by name.
			assertThat(BinderInternals.fields(TestedBinderLine.LINE)).allSatisfy(
					(field) -> assertThat(TestedBinderLine.fieldHint(field)).as(field.getName()).accepts(hints));
			assertThat(RuntimeHintsPredicates.reflection().onType(KinesisClientRecord.class)).accepts(hints);
			// Spring Boot's, for binding the properties, nested ones too.
			assertThat(RuntimeHintsPredicates.reflection().onType(KplDeaggregationProperties.Binding.class))
				.accepts(hints);
			// Spring Framework's, for every spring.factories entry: the failure analyzer.
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(IncompatibleKinesisBinderFailureAnalyzer.class)
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
			assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/spring.factories")).accepts(hints);
		});
	}

	/**
	 * Processes the context ahead of time, compiles what that generated, and gives the
	 * context that the generated initializer sets up, refreshed, to {@code assertions}.
	 */
	private void startAheadOfTime(Consumer<GenericApplicationContext> assertions) {
		this.runner.prepare((context) -> {
			TestGenerationContext generationContext = new TestGenerationContext(TestTarget.class);
			ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(
					(GenericApplicationContext) context.getSourceApplicationContext(), generationContext);
			generationContext.writeGeneratedContent();
			TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
				try (GenericApplicationContext aotContext = new GenericApplicationContext()) {
					TestPropertyValues.of(PROPERTIES).applyTo(aotContext);
					@SuppressWarnings("unchecked")
					ApplicationContextInitializer<GenericApplicationContext> generated = compiled
						.getInstance(ApplicationContextInitializer.class, initializer.toString());
					generated.initialize(aotContext);
					aotContext.refresh();
					assertions.accept(aotContext);
				}
			});
		});
	}

	private static TestGenerationContext processAheadOfTime(GenericApplicationContext context) {
		TestGenerationContext generationContext = new TestGenerationContext(TestTarget.class);
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		return generationContext;
	}

	/** Where the generated initializer goes. */
	static class TestTarget {

	}

	/** An application's beans: a meter registry and a binder customizer of its own. */
	@Configuration(proxyBeanMethods = false)
	static class ApplicationBeans {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		RecordingBinderCustomizer applicationsBinderCustomizer() {
			return new RecordingBinderCustomizer();
		}

	}

	static class RecordingBinderCustomizer implements BinderCustomizer {

		final List<String> customized = new ArrayList<>();

		@Override
		public void customize(Binder<?, ?, ?> binder, String binderName) {
			this.customized.add(binderName);
		}

	}

}
