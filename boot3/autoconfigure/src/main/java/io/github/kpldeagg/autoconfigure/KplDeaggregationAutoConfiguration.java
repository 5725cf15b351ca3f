package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.autoconfigure.binder.DeaggregatingBinderCustomizer;
import io.github.kpldeagg.autoconfigure.binder.DeaggregatingBindings;
import io.github.kpldeagg.autoconfigure.binder.DeaggregationListeners;
import io.github.kpldeagg.autoconfigure.metrics.MicrometerDeaggregationListeners;
import io.github.kpldeagg.core.Deaggregator;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.binder.kinesis.KinesisMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Deaggregates KPL records on the consumer bindings of the Spring Cloud Stream Kinesis binder, so that
 * functions receive one message per user record, and lets them take {@link io.github.kpldeagg.core.UserRecord}.
 */
@AutoConfiguration
@ConditionalOnClass({ KinesisMessageChannelBinder.class, Deaggregator.class })
@ConditionalOnProperty(prefix = "kpl.deaggregation", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(KplDeaggregationProperties.class)
public class KplDeaggregationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public DeaggregatingBindings kplDeaggregatingBindings() {
        return new DeaggregatingBindings();
    }

    /** Primary because Spring Cloud Stream applies only a unique one; it runs the other ones itself. */
    @Bean
    @Primary
    @ConditionalOnMissingBean
    public DeaggregatingBinderCustomizer kplDeaggregatingBinderCustomizer(KplDeaggregationProperties properties,
            ObjectProvider<DeaggregationListeners> listeners, DeaggregatingBindings bindings,
            ObjectProvider<BinderCustomizer> binderCustomizers) {
        return new DeaggregatingBinderCustomizer(properties, listeners.getIfAvailable(() -> DeaggregationListeners.NONE),
                bindings, binderCustomizers);
    }

    @Bean
    @ConditionalOnMissingBean
    public UserRecordMessageConverter userRecordMessageConverter() {
        return new UserRecordMessageConverter();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DeaggregationListeners kplDeaggregationMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
            return new MicrometerDeaggregationListeners(meterRegistry);
        }
    }
}
