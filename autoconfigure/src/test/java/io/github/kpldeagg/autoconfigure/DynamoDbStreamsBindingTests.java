package io.github.kpldeagg.autoconfigure;

import java.net.URI;

import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisConsumerProperties;
import io.github.kpldeagg.autoconfigure.awspring.KplDeaggregationAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB Streams bindings, which only Spring Cloud AWS's binder has: it reads their
 * DynamoDB stream records, which are no KPL records, with the same polling adapter, so
 * deaggregation must leave that adapter alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class DynamoDbStreamsBindingTests {

	/** Nothing listens there, and nothing here sends a request. */
	private static final KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
		.endpointOverride(URI.create("http://127.0.0.1:1"))
		.region(Region.US_EAST_1)
		.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")))
		.build();

	@AfterAll
	static void closeClient() {
		kinesis.close();
	}

	@Test
	void aDynamoDbStreamsBindingKeepsItsAdapterAsTheBinderBuiltItAndIsNamedApartAtStartUp(CapturedOutput output) {
		PublishSubscribeChannel errorChannel = new PublishSubscribeChannel();
		MessageProducerSupport tableAdapter = BinderLineObjects.pollingAdapter(kinesis, "table-in-0", errorChannel);
		MessageChannel bindingChannel = tableAdapter.getOutputChannel();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KplDeaggregationAutoConfiguration.class))
			.withInitializer((context) -> context.addApplicationListener((event) -> {
				// The binder binds while the context starts, before the context reports
				// it is refreshed.
				if (event instanceof ContextRefreshedEvent refreshed && refreshed.getApplicationContext() == context) {
					KinesisMessageChannelBinder binder = (KinesisMessageChannelBinder) TestedBinderLine.binder(kinesis);
					((KinesisConsumerProperties) BinderLineObjects.consumerProperties(binder, "table-in-0"))
						.setDynamoDbStreams(true);
					context.getBean(BinderCustomizer.class).customize(binder, "kinesis");
					BinderInternals.consumerEndpointCustomizer(binder).configure(tableAdapter, "table", "group");
					BinderInternals.consumerEndpointCustomizer(binder)
						.configure(BinderLineObjects.pollingAdapter(kinesis, "orders-in-0", null), "orders", "group");
				}
			}))
			.run((context) -> {
				assertThat(tableAdapter.getOutputChannel()).isSameAs(bindingChannel);
				assertThat(tableAdapter.getErrorChannel()).isSameAs(errorChannel);
				assertThat(context.getBean(DeaggregatingBindings.class).modes())
					.containsEntry("table-in-0", DeaggregatingBindings.Mode.DYNAMODB_STREAMS)
					.containsEntry("orders-in-0", DeaggregatingBindings.Mode.DEAGGREGATED);
				assertThat(output).containsOnlyOnce("KPL deaggregation on Kinesis bindings [orders-in-0], headers and"
						+ " checkpoints only (KCL deaggregates) on [], disabled on [], DynamoDB Streams (untouched) on"
						+ " [table-in-0]");
			});
	}

}
