package io.github.kpldeagg.core;

import java.util.ArrayList;
import java.util.List;

/** Writes down what a {@link Deaggregator} reports, in order. */
final class RecordingListener implements DeaggregationListener {

	final List<String> events = new ArrayList<>();

	final List<CorruptAggregateException> corruptions = new ArrayList<>();

	@Override
	public void plainRecord(String sequenceNumber) {
		this.events.add("plain " + sequenceNumber);
	}

	@Override
	public void aggregate(String sequenceNumber, int userRecords, int filtered) {
		this.events.add("aggregate " + sequenceNumber + " " + userRecords + " " + filtered);
	}

	@Override
	public void corruptAggregate(CorruptAggregateException corruption, CorruptAggregatePolicy policy) {
		this.events.add("corrupt " + corruption.sequenceNumber() + " " + corruption.reason() + " " + policy);
		this.corruptions.add(corruption);
	}

}
