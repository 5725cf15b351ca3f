package io.github.kpldeagg.sample.check;

/**
 * How the user records of this run that one binding received compare with what the
 * producer sent.
 *
 * @param sent user records the producer put
 * @param arrived distinct sent user records the binding received
 * @param duplicates receipts of a user record after its first
 * @param outOfOrder user records that arrived after one that Kinesis stored later under
 * the same partition key
 * @param notAsSent user records whose payload, keys, sequence or sub-sequence number
 * differ from what was sent
 * @param unexpected readings of this run that were never sent
 * @author The kpl-deagg maintainers
 */
public record CheckResult(int sent, int arrived, int duplicates, int outOfOrder, int notAsSent, int unexpected) {

	public int missing() {
		return this.sent - this.arrived;
	}

	/**
	 * Every sent user record arrived exactly once, in order per partition key, as it was
	 * sent.
	 */
	public boolean passed() {
		return missing() == 0 && this.duplicates == 0 && this.outOfOrder == 0 && this.notAsSent == 0
				&& this.unexpected == 0;
	}

	@Override
	public String toString() {
		if (passed()) {
			return "PASSED: " + this.arrived + " of " + this.sent
					+ " user records arrived exactly once, in order per partition key, as sent";
		}
		return "FAILED: " + this.arrived + " of " + this.sent + " user records arrived; " + missing() + " missing, "
				+ this.duplicates + " duplicates, " + this.outOfOrder + " out of order, " + this.notAsSent
				+ " not as sent, " + this.unexpected + " unexpected";
	}
}
