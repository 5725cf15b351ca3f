package io.github.kpldeagg.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisConsumerProperties;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.cloud.stream.messaging.DirectWithAttributesChannel;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * DynamoDB Streams bindings, which only Spring Cloud AWS's binder has: their records are DynamoDB stream
 * records read through the same polling adapter, no KPL records, so deaggregation leaves them alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class DynamoDbStreamsBindingTest {

    /** Nothing listens there, and nothing here sends a request. */
    private static final KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:1")).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake"))).build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KplDeaggregationAutoConfiguration.class));

    @AfterAll
    static void closeClient() {
        kinesis.close();
    }

    @Test
    void aDynamoDbStreamsBindingKeepsItsAdapterAsTheBinderBuiltIt() {
        runner.run(context -> {
            KinesisMessageChannelBinder binder = BinderLine.binder(kinesis);
            ((KinesisConsumerProperties) GenerationObjects.consumerProperties(binder, "table-in-0"))
                    .setDynamoDbStreams(true);
            context.getBean(BinderCustomizer.class).customize(binder, "kinesis");
            MessageProducerSupport adapter = adapter("table-in-0");
            DirectWithAttributesChannel bindingChannel = (DirectWithAttributesChannel) adapter.getOutputChannel();
            PublishSubscribeChannel errorChannel = (PublishSubscribeChannel) adapter.getErrorChannel();

            consumerCustomizer(binder).configure(adapter, "table", "group");

            assertThat(adapter.getOutputChannel()).isSameAs(bindingChannel);
            assertThat(adapter.getErrorChannel()).isSameAs(errorChannel);
            assertThat(context.getBean(DeaggregatingBindings.class).modes())
                    .isEqualTo(Map.of("table-in-0", DeaggregatingBindings.Mode.DYNAMODB_STREAMS));
        });
    }

    @Test
    void theStartUpLineNamesDynamoDbStreamsBindingsApart(CapturedOutput output) {
        runner.withInitializer(context -> context.addApplicationListener(event -> {
            if (event instanceof ContextRefreshedEvent refreshed && refreshed.getApplicationContext() == context) {
                KinesisMessageChannelBinder binder = BinderLine.binder(kinesis);
                ((KinesisConsumerProperties) GenerationObjects.consumerProperties(binder, "table-in-0"))
                        .setDynamoDbStreams(true);
                context.getBean(BinderCustomizer.class).customize(binder, "kinesis");
                consumerCustomizer(binder).configure(adapter("table-in-0"), "table", "group");
                consumerCustomizer(binder).configure(adapter("orders-in-0"), "orders", "group");
            }
        })).run(context -> assertThat(output).containsOnlyOnce("KPL deaggregation on Kinesis bindings [orders-in-0],"
                + " headers only (KCL deaggregates) on [], disabled on [], DynamoDB Streams (untouched) on [table-in-0]"));
    }

    /** The binder's polling adapter, which it uses for DynamoDB streams too. */
    private static MessageProducerSupport adapter(String bindingName) {
        MessageProducerSupport adapter = GenerationObjects.pollingAdapter(kinesis, "stream");
        DirectWithAttributesChannel bindingChannel = new DirectWithAttributesChannel();
        bindingChannel.setComponentName(bindingName);
        adapter.setOutputChannel(bindingChannel);
        adapter.setErrorChannel(new PublishSubscribeChannel());
        return adapter;
    }

    private static ConsumerEndpointCustomizer<MessageProducer> consumerCustomizer(KinesisMessageChannelBinder binder) {
        return BinderInternals.consumerEndpointCustomizer(binder);
    }
}
