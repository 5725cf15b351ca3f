package io.github.kpldeagg.autoconfigure;

import io.awspring.cloud.kinesis.integration.Checkpointer;
import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisBinderConfigurationProperties;
import io.awspring.cloud.kinesis.stream.binder.provisioning.KinesisStreamProvisioner;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * What the tests shared by both Spring lines (src/spring/test) need of this line, Spring Cloud AWS's
 * Kinesis binder 4.0: each line's test tree has a class of this name.
 */
final class BinderLine {

    static final KinesisBinderGeneration GENERATION = new AwspringKinesisBinder();

    /** The binder's checkpointer interface, which the checkpointer of a user-record message implements. */
    static final Class<?> CHECKPOINTER = Checkpointer.class;

    private BinderLine() {
    }

    /** The binder as its auto-configuration builds it, without DynamoDB and CloudWatch. */
    static KinesisMessageChannelBinder binder(KinesisAsyncClient kinesis) {
        KinesisBinderConfigurationProperties properties = new KinesisBinderConfigurationProperties();
        return new KinesisMessageChannelBinder(properties, new KinesisStreamProvisioner(kinesis, properties), kinesis,
                null, null, null);
    }
}
