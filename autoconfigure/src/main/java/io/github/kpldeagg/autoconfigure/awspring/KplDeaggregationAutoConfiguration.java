package io.github.kpldeagg.autoconfigure.awspring;

import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.github.kpldeagg.autoconfigure.BinderInternalsRuntimeHints;
import io.github.kpldeagg.autoconfigure.KplDeaggregationConfiguration;
import io.github.kpldeagg.core.Deaggregator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Deaggregates KPL records on the consumer bindings of Spring Cloud AWS's Kinesis binder,
 * so that functions receive one message per user record, and lets them take
 * {@link io.github.kpldeagg.core.UserRecord}.
 *
 * @author The kpl-deagg maintainers
 */
@AutoConfiguration
@ConditionalOnClass({ KinesisMessageChannelBinder.class, Deaggregator.class })
@ConditionalOnProperty(prefix = "kpl.deaggregation", name = "enabled", matchIfMissing = true)
@Import(KplDeaggregationConfiguration.class)
@ImportRuntimeHints(KplDeaggregationAutoConfiguration.BinderRuntimeHints.class)
public class KplDeaggregationAutoConfiguration {

	@Bean
	AwspringBinderLine kplBinderLine() {
		return new AwspringBinderLine();
	}

	/** The fields of this line's binder that the shared code reads. */
	static class BinderRuntimeHints extends BinderInternalsRuntimeHints {

		BinderRuntimeHints() {
			super(new AwspringBinderLine());
		}

	}

}
