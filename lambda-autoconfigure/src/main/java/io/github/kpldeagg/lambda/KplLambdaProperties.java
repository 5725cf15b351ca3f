package io.github.kpldeagg.lambda;

import io.github.kpldeagg.core.CorruptAggregatePolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * KPL deaggregation of the Kinesis events a Spring Cloud Function receives in AWS Lambda.
 *
 * @author The kpl-deagg maintainers
 */
@ConfigurationProperties("kpl.deaggregation")
public class KplLambdaProperties {

	/**
	 * Whether a consumer function of user records is called once per user record of a
	 * Lambda Kinesis event, with the partial batch response as the handler's answer. Off,
	 * functions run as Spring Cloud Function alone runs them.
	 */
	private boolean enabled = true;

	/**
	 * What to do with a record that starts with the KPL magic but cannot be read: pass it
	 * through unchanged as one record (as KCL does), fail it (reported as a batch item
	 * failure), or skip it.
	 */
	private CorruptAggregatePolicy corruptAggregatePolicy = CorruptAggregatePolicy.PASS_THROUGH;

	/**
	 * Returns whether the starter is on; {@code true} by default.
	 * @return whether the starter is on; {@code true} by default
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Switches the starter on or off.
	 * @param enabled {@code false} to let functions run as Spring Cloud Function alone
	 * runs them
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the policy for corrupt aggregates; {@code PASS_THROUGH} by default.
	 * @return the policy for corrupt aggregates; {@code PASS_THROUGH} by default
	 */
	public CorruptAggregatePolicy getCorruptAggregatePolicy() {
		return this.corruptAggregatePolicy;
	}

	/**
	 * Sets the policy for corrupt aggregates.
	 * @param corruptAggregatePolicy the policy; {@code FAIL} reports the corrupt record
	 * as the batch item failure
	 */
	public void setCorruptAggregatePolicy(CorruptAggregatePolicy corruptAggregatePolicy) {
		this.corruptAggregatePolicy = corruptAggregatePolicy;
	}

}
