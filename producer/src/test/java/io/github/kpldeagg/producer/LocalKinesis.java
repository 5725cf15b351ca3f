package io.github.kpldeagg.producer;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.kpldeagg.emulator.KinesisLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * kinesis-local on loopback and an async client of it (us-east-1, fake static
 * credentials), for one test class.
 */
final class LocalKinesis implements AutoCloseable {

	private static final AtomicInteger STREAMS = new AtomicInteger();

	private final KinesisLocal kinesisLocal;

	private final KinesisAsyncClient asyncClient;

	private LocalKinesis(KinesisLocal kinesisLocal) {
		this.kinesisLocal = kinesisLocal;
		this.asyncClient = KinesisAsyncClient.builder()
			.endpointOverride(kinesisLocal.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("fake-access-key", "fake-secret-key")))
			.build();
	}

	static LocalKinesis start() {
		return new LocalKinesis(KinesisLocal.start());
	}

	KinesisAsyncClient asyncClient() {
		return this.asyncClient;
	}

	KinesisClient client() {
		return this.kinesisLocal.client();
	}

	/** Creates a stream with a name no other test uses and returns the name. */
	String createStream(String prefix, int shards) {
		String name = prefix + "-" + STREAMS.incrementAndGet();
		this.kinesisLocal.createStream(name, shards);
		return name;
	}

	@Override
	public void close() {
		try {
			this.asyncClient.close();
		}
		finally {
			this.kinesisLocal.close();
		}
	}

}
