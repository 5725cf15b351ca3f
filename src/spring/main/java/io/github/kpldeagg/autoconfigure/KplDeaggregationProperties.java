package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.core.CorruptAggregatePolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * KPL deaggregation on the consumer bindings of the Spring Cloud Stream Kinesis binder.
 */
@ConfigurationProperties("kpl.deaggregation")
public class KplDeaggregationProperties {

	/**
	 * Whether the starter is on: consumer bindings of the Kinesis binder deaggregate KPL
	 * records, functions can take UserRecord (through its message converter) and, with a
	 * MeterRegistry, deaggregation is counted. Off turns all of them off.
	 */
	private boolean enabled = true;

	/**
	 * What to do with a record that starts with the KPL magic but cannot be read: pass it
	 * through unchanged as one record (as KCL does), fail it through the binding's error
	 * channel, or skip it.
	 */
	private CorruptAggregatePolicy corruptAggregatePolicy = CorruptAggregatePolicy.PASS_THROUGH;

	/**
	 * Whether to drop user records whose effective hash key lies outside the hash-key
	 * range of the shard they were read from, as KCL does after resharding. The range is
	 * looked up once per shard with the binder's Kinesis client. Ignored in KCL mode,
	 * where KCL filters.
	 */
	private boolean shardFilter;

	/**
	 * Per-binding settings by binding name (such as process-in-0); unset values fall back
	 * to the ones above.
	 */
	private Map<String, Binding> bindings = new LinkedHashMap<>();

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public CorruptAggregatePolicy getCorruptAggregatePolicy() {
		return corruptAggregatePolicy;
	}

	public void setCorruptAggregatePolicy(CorruptAggregatePolicy corruptAggregatePolicy) {
		this.corruptAggregatePolicy = corruptAggregatePolicy;
	}

	public boolean isShardFilter() {
		return shardFilter;
	}

	public void setShardFilter(boolean shardFilter) {
		this.shardFilter = shardFilter;
	}

	public Map<String, Binding> getBindings() {
		return bindings;
	}

	public void setBindings(Map<String, Binding> bindings) {
		this.bindings = bindings;
	}

	/**
	 * The settings of one binding, with the global values where the binding sets none.
	 */
	BindingSettings settingsFor(String bindingName) {
		Binding binding = bindings.getOrDefault(bindingName, new Binding());
		return new BindingSettings(bindingName, binding.isEnabled(),
				binding.getCorruptAggregatePolicy() != null ? binding.getCorruptAggregatePolicy()
						: corruptAggregatePolicy,
				binding.getShardFilter() != null ? binding.getShardFilter() : shardFilter);
	}

	/** Settings of one consumer binding. */
	public static class Binding {

		/** Whether this binding deaggregates KPL records. */
		private boolean enabled = true;

		/**
		 * What to do with a corrupt aggregate on this binding; the global policy when
		 * unset.
		 */
		private @Nullable CorruptAggregatePolicy corruptAggregatePolicy;

		/**
		 * Whether this binding drops user records outside its shard's hash-key range; the
		 * global switch when unset.
		 */
		private @Nullable Boolean shardFilter;

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable CorruptAggregatePolicy getCorruptAggregatePolicy() {
			return corruptAggregatePolicy;
		}

		public void setCorruptAggregatePolicy(@Nullable CorruptAggregatePolicy corruptAggregatePolicy) {
			this.corruptAggregatePolicy = corruptAggregatePolicy;
		}

		public @Nullable Boolean getShardFilter() {
			return shardFilter;
		}

		public void setShardFilter(@Nullable Boolean shardFilter) {
			this.shardFilter = shardFilter;
		}

	}

}
