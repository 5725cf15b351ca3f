package io.github.kpldeagg.autoconfigure;

import java.util.function.LongConsumer;

import io.github.kpldeagg.core.CorruptAggregateException;
import io.github.kpldeagg.core.CorruptAggregatePolicy;
import io.github.kpldeagg.core.DeaggregationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts, per binding, what deaggregation finds when the application has a
 * {@link MeterRegistry}: {@value #AGGREGATES}, {@value #USER_RECORDS} (read from
 * aggregates, filtered ones included), {@value #PLAIN_RECORDS}, {@value #CORRUPT} (tagged
 * with reason and policy), {@value #FILTERED} and {@value #SKIPPED} (user records read
 * again and not handed out again).
 *
 * @author The kpl-deagg maintainers
 */
final class MicrometerDeaggregationListeners implements DeaggregationListeners {

	static final String AGGREGATES = "kpl.deaggregation.aggregates";
	static final String USER_RECORDS = "kpl.deaggregation.user.records";
	static final String PLAIN_RECORDS = "kpl.deaggregation.plain.records";
	static final String CORRUPT = "kpl.deaggregation.corrupt";
	static final String FILTERED = "kpl.deaggregation.filtered";
	static final String SKIPPED = "kpl.deaggregation.skipped";

	private static final String BINDING = "binding";

	private final ObjectProvider<MeterRegistry> meterRegistry;

	MicrometerDeaggregationListeners(ObjectProvider<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public DeaggregationListener forBinding(String bindingName) {
		MeterRegistry registry = this.meterRegistry.getIfUnique();
		return (registry != null) ? new Counters(registry, bindingName) : DeaggregationListener.NONE;
	}

	@Override
	public LongConsumer skipped(String bindingName) {
		MeterRegistry registry = this.meterRegistry.getIfUnique();
		if (registry == null) {
			return DeaggregationListeners.super.skipped(bindingName);
		}
		Counter skipped = registry.counter(SKIPPED, BINDING, bindingName);
		return skipped::increment;
	}

	private static final class Counters implements DeaggregationListener {

		private final MeterRegistry registry;

		private final String bindingName;

		private final Counter aggregates;

		private final Counter userRecords;

		private final Counter plainRecords;

		private final Counter filtered;

		Counters(MeterRegistry registry, String bindingName) {
			this.registry = registry;
			this.bindingName = bindingName;
			this.aggregates = registry.counter(AGGREGATES, BINDING, bindingName);
			this.userRecords = registry.counter(USER_RECORDS, BINDING, bindingName);
			this.plainRecords = registry.counter(PLAIN_RECORDS, BINDING, bindingName);
			this.filtered = registry.counter(FILTERED, BINDING, bindingName);
		}

		@Override
		public void plainRecord(String sequenceNumber) {
			this.plainRecords.increment();
		}

		@Override
		public void aggregate(String sequenceNumber, int userRecordCount, int filteredCount) {
			this.aggregates.increment();
			this.userRecords.increment(userRecordCount);
			this.filtered.increment(filteredCount);
		}

		@Override
		public void corruptAggregate(CorruptAggregateException corruption, CorruptAggregatePolicy policy) {
			this.registry
				.counter(CORRUPT, BINDING, this.bindingName, "reason", corruption.reason().name(), "policy",
						policy.name())
				.increment();
		}

	}

}
