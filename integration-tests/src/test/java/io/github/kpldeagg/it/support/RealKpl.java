package io.github.kpldeagg.it.support;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.kpldeagg.emulator.KinesisLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.kinesis.producer.Attempt;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The real KPL (software.amazon.kinesis:amazon-kinesis-producer, its native daemon)
 * writing to kinesis-local's TLS port, with aggregation on.
 */
public final class RealKpl implements AutoCloseable {

	private static final String LOOPBACK = "127.0.0.1";

	private static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);

	private final KinesisProducer producer;

	private RealKpl(KinesisProducer producer) {
		this.producer = producer;
	}

	/**
	 * Starts the daemon. This JVM's environment must disable the EC2 metadata lookup,
	 * which the daemon inherits: without it the daemon asks the link-local metadata
	 * address for credentials.
	 */
	public static RealKpl start(KinesisLocal kinesis) {
		if (!"true".equals(System.getenv("AWS_EC2_METADATA_DISABLED"))) {
			throw new IllegalStateException("Refusing to start the KPL daemon: AWS_EC2_METADATA_DISABLED=true is not"
					+ " in this JVM's environment (surefire and failsafe set it in the root pom)");
		}
		return new RealKpl(new KinesisProducer(configuration(kinesis.tlsPort())));
	}

	/**
	 * The settings {@link #start} uses: kinesis-local's TLS port on loopback, fake static
	 * credentials, metrics off, aggregation on, RecordMaxBufferedTime 200 ms.
	 */
	public static KinesisProducerConfiguration configuration(int tlsPort) {
		return new KinesisProducerConfiguration().setRegion("us-east-1")
			.setCredentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("fake-access-key", "fake-secret-key")))
			.setKinesisEndpoint(LOOPBACK)
			.setKinesisPort(tlsPort)
			.setVerifyCertificate(false)
			.setMetricsLevel("none")
			// Never used with metrics off; pointed at loopback all the same.
			.setCloudwatchEndpoint(LOOPBACK)
			.setCloudwatchPort(tlsPort)
			.setStsEndpoint(LOOPBACK)
			.setStsPort(tlsPort)
			.setAggregationEnabled(true)
			.setRecordMaxBufferedTime(200)
			.setLogLevel("warning");
	}

	/**
	 * Starts a daemon, writes the records ({@link #warmUp} with the first), and stops it
	 * again.
	 */
	public static List<SentRecord> produce(KinesisLocal kinesis, String stream, List<ProducedRecord> records) {
		try (RealKpl kpl = start(kinesis)) {
			List<SentRecord> sent = new ArrayList<>(records.size());
			sent.add(kpl.warmUp(stream, records.get(0)));
			sent.addAll(kpl.send(stream, records.subList(1, records.size())));
			return sent;
		}
	}

	/**
	 * Sends one record and waits for it: until the daemon has the stream's shard map it
	 * sends every record plain. Returns what the KPL reported.
	 */
	public SentRecord warmUp(String stream, ProducedRecord first) {
		return send(stream, List.of(first)).get(0);
	}

	/**
	 * Hands all records to the KPL at once, so that it aggregates them, and waits until
	 * each is written.
	 */
	public List<SentRecord> send(String stream, List<ProducedRecord> records) {
		List<ListenableFuture<UserRecordResult>> results = new ArrayList<>(records.size());
		long[] putAtNanos = new long[records.size()];
		for (int i = 0; i < records.size(); i++) {
			ProducedRecord record = records.get(i);
			putAtNanos[i] = System.nanoTime();
			results.add(this.producer.addUserRecord(stream, record.partitionKey(), record.explicitHashKey(),
					ByteBuffer.wrap(record.data())));
		}
		List<SentRecord> sent = new ArrayList<>(records.size());
		long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
		for (int i = 0; i < records.size(); i++) {
			UserRecordResult result = await(results.get(i), deadline, records.get(i));
			List<String> failedAttempts = result.getAttempts()
				.stream()
				.filter((attempt) -> !attempt.isSuccessful())
				.map(Attempt::getErrorCode)
				.toList();
			sent.add(new SentRecord(records.get(i), result.getShardId(), result.getSequenceNumber(), failedAttempts,
					putAtNanos[i]));
		}
		return sent;
	}

	private static UserRecordResult await(ListenableFuture<UserRecordResult> result, long deadline,
			ProducedRecord record) {
		try {
			UserRecordResult written = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (!written.isSuccessful()) {
				throw new IllegalStateException("The KPL did not write " + record + ": " + written.getAttempts());
			}
			return written;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The KPL failed to write " + record, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The KPL did not write " + record + " within " + SEND_TIMEOUT, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the KPL wrote " + record, ex);
		}
	}

	/** Stops the daemon after it has sent what it holds. */
	@Override
	public void close() {
		this.producer.flushSync();
		this.producer.destroy();
	}

}
