package io.github.kpldeagg.producer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * A client of the local Kinesis that records every PutRecords request and lets a test
 * answer some of them itself: failed entries, held responses.
 */
final class InterceptingKinesis implements KinesisAsyncClient {

	final List<PutRecordsRequest> putRecordsRequests = new CopyOnWriteArrayList<>();

	private final KinesisAsyncClient kinesis;

	private volatile PutRecords putRecords;

	InterceptingKinesis(KinesisAsyncClient kinesis) {
		this.kinesis = kinesis;
		this.putRecords = (request, client) -> client.putRecords(request);
	}

	void answerPutRecords(PutRecords putRecords) {
		this.putRecords = putRecords;
	}

	@Override
	public CompletableFuture<PutRecordsResponse> putRecords(PutRecordsRequest request) {
		this.putRecordsRequests.add(request);
		return this.putRecords.answer(request, this.kinesis);
	}

	@Override
	public CompletableFuture<ListShardsResponse> listShards(ListShardsRequest request) {
		return this.kinesis.listShards(request);
	}

	@Override
	public String serviceName() {
		return this.kinesis.serviceName();
	}

	@Override
	public void close() {
	}

	/** Answers a PutRecords request, possibly by forwarding (part of) it. */
	interface PutRecords {

		CompletableFuture<PutRecordsResponse> answer(PutRecordsRequest request, KinesisAsyncClient kinesis);

	}

}
