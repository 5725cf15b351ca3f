package io.github.kpldeagg.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.kpldeagg.core.CorruptAggregatePolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * KPL deaggregation on the consumer bindings of the Spring Cloud Stream Kinesis binder.
 *
 * @author The kpl-deagg maintainers
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
	 * At most how often to save, in the binder's checkpoint store, the position of the
	 * last user record handled on each shard, so that after a crash the next owner of the
	 * shard repeats at most this interval's user records. Unset (the default): positions
	 * are saved only by manual checkpoints taken inside an aggregate, and a crash repeats
	 * what the binder's checkpoints leave. Costs up to one write per shard per interval,
	 * and one delete when the binder's checkpoint passes a saved position.
	 */
	private @Nullable Duration positionSaveInterval;

	/**
	 * Per-binding settings by binding name (such as process-in-0); unset values fall back
	 * to the ones above.
	 */
	private Map<String, Binding> bindings = new LinkedHashMap<>();

	/**
	 * Returns whether the starter is on; {@code true} by default.
	 * @return whether the starter is on; {@code true} by default
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Switches the starter on or off: deaggregation, the {@code UserRecord} converter and
	 * the metrics together.
	 * @param enabled {@code false} to switch it off
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the policy for corrupt aggregates of bindings that set none;
	 * {@code PASS_THROUGH} by default.
	 * @return the policy for corrupt aggregates of bindings that set none;
	 * {@code PASS_THROUGH} by default
	 */
	public CorruptAggregatePolicy getCorruptAggregatePolicy() {
		return this.corruptAggregatePolicy;
	}

	/**
	 * Sets the policy for corrupt aggregates of bindings that set none.
	 * @param corruptAggregatePolicy the policy
	 */
	public void setCorruptAggregatePolicy(CorruptAggregatePolicy corruptAggregatePolicy) {
		this.corruptAggregatePolicy = corruptAggregatePolicy;
	}

	/**
	 * Returns whether bindings that set nothing else drop user records outside their
	 * shard's hash-key range; {@code false} by default.
	 * @return whether bindings that set nothing else drop user records outside their
	 * shard's hash-key range; {@code false} by default
	 */
	public boolean isShardFilter() {
		return this.shardFilter;
	}

	/**
	 * Sets whether bindings that set nothing else drop user records outside their shard's
	 * hash-key range.
	 * @param shardFilter {@code true} to filter as KCL does after resharding
	 */
	public void setShardFilter(boolean shardFilter) {
		this.shardFilter = shardFilter;
	}

	/**
	 * Returns at most how often bindings that set none save each shard's position; null
	 * (the default) for only on manual checkpoints.
	 * @return at most how often bindings that set none save each shard's position; null
	 * (the default) for only on manual checkpoints
	 */
	public @Nullable Duration getPositionSaveInterval() {
		return this.positionSaveInterval;
	}

	/**
	 * Sets at most how often bindings that set none save each shard's position.
	 * @param positionSaveInterval the interval; null for only on manual checkpoints
	 */
	public void setPositionSaveInterval(@Nullable Duration positionSaveInterval) {
		this.positionSaveInterval = positionSaveInterval;
	}

	/**
	 * Returns the per-binding settings by binding name; mutable, for the binder.
	 * @return the per-binding settings by binding name; mutable, for the binder
	 */
	public Map<String, Binding> getBindings() {
		return this.bindings;
	}

	/**
	 * Replaces the per-binding settings.
	 * @param bindings the settings by binding name, such as {@code process-in-0}
	 */
	public void setBindings(Map<String, Binding> bindings) {
		this.bindings = bindings;
	}

	/**
	 * The settings of one binding, with the global values where the binding sets none.
	 * @param bindingName the binding name
	 * @return the settings of one binding, with the global values where the binding sets
	 * none
	 */
	BindingSettings settingsFor(String bindingName) {
		Binding binding = this.bindings.getOrDefault(bindingName, new Binding());
		return new BindingSettings(bindingName, binding.isEnabled(),
				(binding.getCorruptAggregatePolicy() != null) ? binding.getCorruptAggregatePolicy()
						: this.corruptAggregatePolicy,
				(binding.getShardFilter() != null) ? binding.getShardFilter() : this.shardFilter,
				(binding.getPositionSaveInterval() != null) ? binding.getPositionSaveInterval()
						: this.positionSaveInterval);
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

		/**
		 * At most how often this binding saves each shard's position; the global interval
		 * when unset.
		 */
		private @Nullable Duration positionSaveInterval;

		/**
		 * Returns whether this binding deaggregates; {@code true} by default, and nothing
		 * when the starter is off.
		 * @return whether this binding deaggregates; {@code true} by default, and nothing
		 * when the starter is off
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Switches deaggregation on or off for this binding.
		 * @param enabled {@code false} to leave the binding's records as the binder
		 * delivers them
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns this binding's corrupt-aggregate policy; null for the global one.
		 * @return this binding's corrupt-aggregate policy; null for the global one
		 */
		public @Nullable CorruptAggregatePolicy getCorruptAggregatePolicy() {
			return this.corruptAggregatePolicy;
		}

		/**
		 * Sets this binding's corrupt-aggregate policy.
		 * @param corruptAggregatePolicy the policy; null for the global one
		 */
		public void setCorruptAggregatePolicy(@Nullable CorruptAggregatePolicy corruptAggregatePolicy) {
			this.corruptAggregatePolicy = corruptAggregatePolicy;
		}

		/**
		 * Returns whether this binding filters by hash-key range; null for the global
		 * switch.
		 * @return whether this binding filters by hash-key range; null for the global
		 * switch
		 */
		public @Nullable Boolean getShardFilter() {
			return this.shardFilter;
		}

		/**
		 * Sets whether this binding filters by hash-key range.
		 * @param shardFilter the switch; null for the global one
		 */
		public void setShardFilter(@Nullable Boolean shardFilter) {
			this.shardFilter = shardFilter;
		}

		/**
		 * Returns at most how often this binding saves each shard's position; null for
		 * the global interval.
		 * @return at most how often this binding saves each shard's position; null for
		 * the global interval
		 */
		public @Nullable Duration getPositionSaveInterval() {
			return this.positionSaveInterval;
		}

		/**
		 * Sets at most how often this binding saves each shard's position.
		 * @param positionSaveInterval the interval; null for the global one
		 */
		public void setPositionSaveInterval(@Nullable Duration positionSaveInterval) {
			this.positionSaveInterval = positionSaveInterval;
		}

	}

}
