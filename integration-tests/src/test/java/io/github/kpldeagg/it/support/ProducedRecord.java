package io.github.kpldeagg.it.support;

/**
 * A user record a test gives the KPL.
 *
 * @param explicitHashKey a decimal in [0, 2^128), or null
 */
public record ProducedRecord(String partitionKey, String explicitHashKey, byte[] data) {

	public RecordContent content() {
		return RecordContent.of(this.partitionKey, this.data);
	}

	@Override
	public String toString() {
		return "ProducedRecord[partitionKey=" + this.partitionKey + ", explicitHashKey=" + this.explicitHashKey + ", "
				+ this.data.length + " bytes]";
	}
}
