package io.github.kpldeagg.producer;

import java.util.ArrayList;
import java.util.List;

/**
 * What a step under the producer's lock decided to do once the lock is released: complete
 * futures (whose callbacks must not run under the lock), send PutRecords requests and
 * list shards.
 *
 * @author The kpl-deagg maintainers
 */
final class Effects {

	final List<Runnable> completions = new ArrayList<>();

	final List<Batch> batches = new ArrayList<>();

	final List<StreamPipeline> shardListings = new ArrayList<>();

	/** User records whose futures this completes. */
	int finished;

	void succeed(OutstandingUserRecord userRecord, UserRecordResult result) {
		this.finished++;
		this.completions.add(() -> userRecord.future.complete(result));
	}

	void fail(OutstandingUserRecord userRecord, Throwable failure) {
		this.finished++;
		this.completions.add(() -> userRecord.future.completeExceptionally(failure));
	}

	/**
	 * One PutRecords request's entries, in request order.
	 *
	 * @param entries the entries
	 * @param pipeline the pipeline
	 */
	record Batch(StreamPipeline pipeline, List<PutEntry> entries) {
	}

}
