package io.github.kpldeagg.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.kpldeagg.core.CorruptAggregatePolicy;
import io.github.kpldeagg.core.DeaggregationListener;
import io.github.kpldeagg.core.Deaggregator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.cloud.stream.messaging.DirectWithAttributesChannel;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

/**
 * Every condition and property of the auto-configuration, with a real binder and adapters
 * that never connect.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestedBinderLine.Required
class KplDeaggregationAutoConfigurationTests {

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("fake", "fake"));

	/** Nothing listens there, and nothing here sends a request. */
	private static final URI LOOPBACK = URI.create("http://127.0.0.1:1");

	/** One for the class: closing a client waits for its event loop's quiet period. */
	private static final KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
		.endpointOverride(LOOPBACK)
		.region(Region.US_EAST_1)
		.credentialsProvider(CREDENTIALS)
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TestedBinderLine.AUTO_CONFIGURATION));

	@AfterAll
	static void closeClient() {
		kinesis.close();
	}

	@Test
	void isOnByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(DeaggregatingBinderCustomizer.class)
			.hasSingleBean(UserRecordMessageConverter.class)
			.hasSingleBean(DeaggregatingBindings.class)
			.hasSingleBean(KplDeaggregationProperties.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("kpl.deaggregation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeaggregatingBinderCustomizer.class)
				.doesNotHaveBean(UserRecordMessageConverter.class)
				.doesNotHaveBean(KplDeaggregationProperties.class));
	}

	@Test
	void backsOffWithoutTheBinder() {
		this.runner.withClassLoader(new FilteredClassLoader(TestedBinderLine.LINE.binderType()))
			.run((context) -> assertThat(context).doesNotHaveBean(DeaggregatingBinderCustomizer.class)
				.doesNotHaveBean(UserRecordMessageConverter.class));
	}

	@Test
	void backsOffWithoutTheCore() {
		this.runner.withClassLoader(new FilteredClassLoader(Deaggregator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DeaggregatingBinderCustomizer.class)
				.doesNotHaveBean(UserRecordMessageConverter.class));
	}

	/**
	 * The converter is the one bean an application can declare in place of ours (public,
	 * with a public constructor); the others are package-private.
	 */
	@Test
	void backsOffForTheUsersOwnMessageConverter() {
		UserRecordMessageConverter converter = new UserRecordMessageConverter();
		this.runner.withBean(UserRecordMessageConverter.class, () -> converter)
			.run((context) -> assertThat(context).getBean(UserRecordMessageConverter.class).isSameAs(converter));
	}

	@Test
	void bindsGlobalAndPerBindingProperties() {
		this.runner
			.withPropertyValues("kpl.deaggregation.corrupt-aggregate-policy=fail",
					"kpl.deaggregation.shard-filter=true", "kpl.deaggregation.bindings.off-in-0.enabled=false",
					"kpl.deaggregation.bindings.skipping-in-0.corrupt-aggregate-policy=skip",
					"kpl.deaggregation.bindings.skipping-in-0.shard-filter=false",
					"kpl.deaggregation.position-save-interval=5s",
					"kpl.deaggregation.bindings.skipping-in-0.position-save-interval=500ms")
			.run((context) -> {
				KplDeaggregationProperties properties = context.getBean(KplDeaggregationProperties.class);
				assertThat(properties.settingsFor("other-in-0")).isEqualTo(new BindingSettings("other-in-0", true,
						CorruptAggregatePolicy.FAIL, true, Duration.ofSeconds(5)));
				assertThat(properties.settingsFor("off-in-0").enabled()).isFalse();
				assertThat(properties.settingsFor("skipping-in-0")).isEqualTo(new BindingSettings("skipping-in-0", true,
						CorruptAggregatePolicy.SKIP, false, Duration.ofMillis(500)));
			});
	}

	@Test
	void defaultsPassCorruptAggregatesThroughWithoutShardFilter() {
		this.runner.run((context) -> assertThat(context.getBean(KplDeaggregationProperties.class).settingsFor("in-0"))
			.isEqualTo(new BindingSettings("in-0", true, CorruptAggregatePolicy.PASS_THROUGH, false, null)));
	}

	@Test
	void deaggregatesOnTheBindersAdapterAfterTheUsersCustomizer() {
		this.runner.run((context) -> {
			List<String> customized = new ArrayList<>();
			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			binder.setConsumerEndpointCustomizer((adapter, destination, group) -> customized.add(destination));
			customize(context.getBean(BinderCustomizer.class), binder);

			PublishSubscribeChannel errorChannel = new PublishSubscribeChannel();
			MessageProducerSupport adapter = pollingAdapter("process-in-0", errorChannel);
			consumerCustomizer(binder).configure(adapter, "stream", "group");

			assertThat(customized).containsExactly("stream");
			assertThat(adapter.getOutputChannel()).isInstanceOf(DeaggregatingChannel.class);
			assertThat(adapter.getErrorChannel()).isNull();
			assertThat(BinderInternals.checkpointStore(adapter)).isInstanceOf(CheckpointFollowingStore.class);
			assertThat(context.getBean(DeaggregatingBindings.class).modes())
				.isEqualTo(Map.of("process-in-0", DeaggregatingBindings.Mode.DEAGGREGATED));
		});
	}

	@Test
	void failsABindingWhoseRecordMessagesWouldComeWithoutTheirKinesisRecord() {
		this.runner.run((context) -> {
			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			customize(context.getBean(BinderCustomizer.class), binder);
			MessageProducerSupport adapter = pollingAdapter("process-in-0", null);
			BinderLineObjects.bindSourceRecord(adapter, false);

			assertThatThrownBy(() -> consumerCustomizer(binder).configure(adapter, "stream", "group"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("binding process-in-0")
				.hasMessageContaining("kpl.deaggregation.bindings.process-in-0.enabled=false");
			assertThat(context.getBean(DeaggregatingBindings.class).modes()).isEmpty();
		});
	}

	@Test
	void acceptsABatchOfPayloadsWithoutKinesisRecords() {
		this.runner.run((context) -> {
			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			customize(context.getBean(BinderCustomizer.class), binder);
			// The binder sets the adapter's listener mode from the
			// binding's Kinesis consumer properties.
			BinderLineObjects.batchListenerMode(BinderLineObjects.consumerProperties(binder, "process-in-0"));
			MessageProducerSupport adapter = pollingAdapter("process-in-0", null);
			BinderLineObjects.batchListenerMode(adapter);
			BinderLineObjects.bindSourceRecord(adapter, false);

			consumerCustomizer(binder).configure(adapter, "stream", "group");

			assertThat(adapter.getOutputChannel()).isInstanceOf(DeaggregatingChannel.class);
		});
	}

	@Test
	void leavesADisabledBindingAlone() {
		this.runner.withPropertyValues("kpl.deaggregation.bindings.process-in-0.enabled=false").run((context) -> {
			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			customize(context.getBean(BinderCustomizer.class), binder);
			PublishSubscribeChannel errorChannel = new PublishSubscribeChannel();
			MessageProducerSupport adapter = pollingAdapter("process-in-0", errorChannel);
			DirectWithAttributesChannel bindingChannel = (DirectWithAttributesChannel) adapter.getOutputChannel();

			consumerCustomizer(binder).configure(adapter, "stream", "group");

			assertThat(adapter.getOutputChannel()).isSameAs(bindingChannel);
			assertThat(adapter.getErrorChannel()).isSameAs(errorChannel);
			assertThat(context.getBean(DeaggregatingBindings.class).modes())
				.isEqualTo(Map.of("process-in-0", DeaggregatingBindings.Mode.DISABLED));
		});
	}

	@Test
	void takesCheckpointsAndFailuresOverFromTheKclAdapter() {
		this.runner.run((context) -> {
			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			customize(context.getBean(BinderCustomizer.class), binder);
			try (CloudWatchAsyncClient cloudWatch = cloudWatch(); DynamoDbAsyncClient dynamoDb = dynamoDb()) {
				MessageProducerSupport adapter = kclAdapter(cloudWatch, dynamoDb);
				adapter.setErrorChannel(new PublishSubscribeChannel());

				consumerCustomizer(binder).configure(adapter, "stream", "group");

				assertThat(adapter.getOutputChannel()).isInstanceOf(KclUserRecordChannel.class);
				assertThat(adapter.getErrorChannel()).isNull();
				assertThat(BinderInternals.kclCheckpointMode(adapter).name()).isEqualTo("manual");
				assertThat(context.getBean(DeaggregatingBindings.class).modes())
					.isEqualTo(Map.of("process-in-0", DeaggregatingBindings.Mode.KCL));
			}
		});
	}

	@Test
	void failsAKclBindingWhoseRecordMessagesWouldComeWithoutTheirKclRecord() {
		this.runner.run((context) -> {
			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			customize(context.getBean(BinderCustomizer.class), binder);
			try (CloudWatchAsyncClient cloudWatch = cloudWatch(); DynamoDbAsyncClient dynamoDb = dynamoDb()) {
				MessageProducerSupport adapter = kclAdapter(cloudWatch, dynamoDb);
				BinderLineObjects.bindSourceRecord(adapter, false);

				assertThatThrownBy(() -> consumerCustomizer(binder).configure(adapter, "stream", "group"))
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("binding process-in-0")
					.hasMessageContaining("kpl.deaggregation.bindings.process-in-0.enabled=false");
			}
		});
	}

	@Test
	void wrapsTheBindersCustomizerOnlyOnce() {
		this.runner.run((context) -> {
			AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
			BinderCustomizer customizer = context.getBean(BinderCustomizer.class);
			customize(customizer, binder);
			ConsumerEndpointCustomizer<MessageProducer> first = consumerCustomizer(binder);
			customize(customizer, binder);
			assertThat(consumerCustomizer(binder)).isSameAs(first);
		});
	}

	@Test
	void runsTheUsersBinderCustomizerToo() {
		List<String> customized = new ArrayList<>();
		this.runner.withBean(BinderCustomizer.class, () -> (binder, binderName) -> customized.add(binderName))
			.run((context) -> {
				assertThat(context.getBean(BinderCustomizer.class)).isInstanceOf(DeaggregatingBinderCustomizer.class);
				customize(context.getBean(BinderCustomizer.class), TestedBinderLine.binder(kinesis));
				assertThat(customized).containsExactly("kinesis");
			});
	}

	@Test
	void countsPerBindingWhenThereIsAMeterRegistry() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			context.getBean(DeaggregationListeners.class).forBinding("process-in-0").aggregate("1", 5, 2);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MicrometerDeaggregationListeners.USER_RECORDS)
				.tag("binding", "process-in-0")
				.counter()
				.count()).isEqualTo(5);
			assertThat(registry.get(MicrometerDeaggregationListeners.FILTERED)
				.tag("binding", "process-in-0")
				.counter()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void countsNothingWithoutAMeterRegistry() {
		this.runner
			.run((context) -> assertThat(context.getBean(DeaggregationListeners.class).forBinding("process-in-0"))
				.isSameAs(DeaggregationListener.NONE));
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DeaggregationListeners.class)
				.hasSingleBean(DeaggregatingBinderCustomizer.class));
	}

	/**
	 * One INFO line when the application has started; a WARN names the Kinesis consumer
	 * bindings that Spring Cloud Stream bound without the customizer (here one it bound
	 * with a customizer of its own, never run).
	 */
	@Test
	void logsTheDeaggregatingBindingsOnceAtStartUpAndWarnsOfUncustomizedOnes(CapturedOutput output) {
		BindingService bindingService = mock(BindingService.class);
		given(bindingService.getConsumerBindingNames())
			.willReturn(new String[] { "process-in-0", "off-in-0", "uncustomized-in-0", "other-in-0" });
		doReturn(List
			.of(binding(BinderLineObjects.consumerProperties(TestedBinderLine.binder(kinesis), "uncustomized-in-0"))))
			.when(bindingService)
			.getConsumerBindings("uncustomized-in-0");
		// A binding of another binder, with extension properties of its own.
		doReturn(List.of(binding(new Object()))).when(bindingService).getConsumerBindings("other-in-0");
		this.runner.withPropertyValues("kpl.deaggregation.bindings.off-in-0.enabled=false")
			.withBean(BindingService.class, () -> bindingService)
			.withInitializer((context) -> context.addApplicationListener((event) -> {
				// The binder binds while the context starts, before the context reports
				// it is refreshed.
				if (event instanceof ContextRefreshedEvent refreshed && refreshed.getApplicationContext() == context) {
					AbstractMessageChannelBinder<?, ?, ?> binder = TestedBinderLine.binder(kinesis);
					customize(context.getBean(BinderCustomizer.class), binder);
					consumerCustomizer(binder).configure(pollingAdapter("process-in-0", null), "stream", "group");
					consumerCustomizer(binder).configure(pollingAdapter("off-in-0", null), "stream", "group");
				}
			}))
			.run((context) -> assertThat(output).containsOnlyOnce("KPL deaggregation on Kinesis bindings "
					+ "[process-in-0], headers and checkpoints only (KCL deaggregates) on [], disabled on [off-in-0]")
				.containsOnlyOnce("KPL deaggregation is not installed on Kinesis bindings [uncustomized-in-0]:"));
	}

	private static Binding<?> binding(Object extension) {
		Binding<?> binding = mock(Binding.class);
		doReturn(extension).when(binding).getExtension();
		return binding;
	}

	/** The KCL adapter as the binder builds it for binding process-in-0. */
	private static MessageProducerSupport kclAdapter(CloudWatchAsyncClient cloudWatch, DynamoDbAsyncClient dynamoDb) {
		MessageProducerSupport adapter = BinderLineObjects.kclAdapter(kinesis, cloudWatch, dynamoDb, "stream");
		BinderLineObjects.bindSourceRecord(adapter, true);
		adapter.setOutputChannel(BinderLineObjects.bindingChannel("process-in-0"));
		return adapter;
	}

	private static CloudWatchAsyncClient cloudWatch() {
		return CloudWatchAsyncClient.builder()
			.endpointOverride(LOOPBACK)
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.build();
	}

	private static DynamoDbAsyncClient dynamoDb() {
		return DynamoDbAsyncClient.builder()
			.endpointOverride(LOOPBACK)
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.build();
	}

	private static MessageProducerSupport pollingAdapter(String bindingName, @Nullable MessageChannel errorChannel) {
		return BinderLineObjects.pollingAdapter(kinesis, bindingName, errorChannel);
	}

	private static void customize(BinderCustomizer customizer, AbstractMessageChannelBinder<?, ?, ?> binder) {
		customizer.customize(binder, "kinesis");
	}

	private static ConsumerEndpointCustomizer<MessageProducer> consumerCustomizer(
			AbstractMessageChannelBinder<?, ?, ?> binder) {
		return BinderInternals.consumerEndpointCustomizer(binder);
	}

}
