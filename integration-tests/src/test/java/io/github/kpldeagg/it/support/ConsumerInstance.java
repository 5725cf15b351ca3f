package io.github.kpldeagg.it.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.messaging.SubscribableChannel;

/** A {@link ConsumerApp} running in this JVM, until closed (a clean shutdown that releases its shard locks). */
public final class ConsumerInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ConsumerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ConsumerInstance start(ConsumerSettings settings, DeliveryHandler handler) {
        return new ConsumerInstance(new SpringApplicationBuilder(ConsumerApp.class)
                .properties(settings.asMap())
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(DeliveryHandler.class, () -> handler))
                .run());
    }

    /** The binding's error channel, {@code <stream>.<group>.errors}, where a failed user record goes. */
    public SubscribableChannel errorChannel(String stream, String group) {
        return context.getBean(stream + "." + group + ".errors", SubscribableChannel.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
