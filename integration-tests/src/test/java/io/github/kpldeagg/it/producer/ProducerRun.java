package io.github.kpldeagg.it.producer;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.ProducerConfiguration;
import io.github.kpldeagg.producer.RecordExpiredException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * One producer in a JVM of its own, for {@link ProducerComparisonIT}: builds it, writes
 * one user record and waits for it, adds N user records at once, waits until each is
 * acknowledged and writes its figures to a properties file. Arguments: {@code ours|kpl},
 * kinesis-local's TLS port, the stream, N, the data size in bytes, the result file.
 * <p>
 * Both producers put to kinesis-local's TLS port over HTTP/1.1 (the KPL daemon can do
 * nothing else), with RecordMaxBufferedTime 100 ms (the KPL's default), 24 connections,
 * aggregation on, RequestTimeout and RecordTtl as given, every other setting at the KPL's
 * default.
 */
public final class ProducerRun {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final Duration BUFFERED_TIME = Duration.ofMillis(100);

	private static final int CONNECTIONS = 24;

	private ProducerRun() {
	}

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		int tlsPort = Integer.parseInt(args[1]);
		String stream = args[2];
		int userRecords = Integer.parseInt(args[3]);
		int dataBytes = Integer.parseInt(args[4]);
		Path resultFile = Path.of(args[5]);
		Duration requestTimeout = Duration.parse(args[6]);
		Duration recordTtl = Duration.parse(args[7]);
		boolean sdkRetries = args.length < 9 || !"off".equals(args[8]);

		Figures figures = new Figures();
		long self = ProcessHandle.current().pid();
		long startedAt = System.nanoTime();
		long cpuBefore = ProcFs.cpuMillis(self);
		Producer producer = "kpl".equals(mode) ? Kpl.start(tlsPort, requestTimeout, recordTtl, figures)
				: Ours.start(tlsPort, requestTimeout, recordTtl, sdkRetries, figures);
		long constructedAt = System.nanoTime();
		// One user record first, awaited: the time to the first acknowledgement, and
		// the KPL has the shard map before the run (until then it sends every user
		// record plain).
		producer.add(stream, "warm-up", data(-1, dataBytes));
		awaitCompleted(figures, 1);
		long firstAckAt = figures.firstAckAt.get();
		long daemon = producer.daemonPid();
		long cpuJvmAtFirstAdd = ProcFs.cpuMillis(self);
		long cpuDaemonAtFirstAdd = (daemon > 0) ? ProcFs.cpuMillis(daemon) : 0;
		long firstAddAt = System.nanoTime();
		for (int i = 0; i < userRecords; i++) {
			producer.add(stream, "pk-" + i, data(i, dataBytes));
		}
		long addedAt = System.nanoTime();
		// All added: the most the producer holds. (One full GC inside the timed run.)
		System.gc();
		long heapAllAdded = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		long rssJvmAllAdded = ProcFs.rssKib(self);
		long rssDaemonAllAdded = (daemon > 0) ? ProcFs.rssKib(daemon) : 0;
		awaitCompleted(figures, userRecords + 1);
		long cpuJvmEnd = ProcFs.cpuMillis(self);
		long cpuDaemonEnd = (daemon > 0) ? ProcFs.cpuMillis(daemon) : 0;
		Properties result = new Properties();
		result.setProperty("mode", mode);
		result.setProperty("userRecords", Integer.toString(userRecords));
		result.setProperty("dataBytes", Integer.toString(dataBytes));
		result.setProperty("acknowledged", Long.toString(figures.acknowledged.get() - 1));
		result.setProperty("failed", Long.toString(figures.failed.get()));
		result.setProperty("retried", Long.toString(figures.retried.get()));
		result.setProperty("constructionMillis", Long.toString((constructedAt - startedAt) / 1_000_000));
		result.setProperty("firstAckMillis", Long.toString((firstAckAt - startedAt) / 1_000_000));
		result.setProperty("addMillis", Long.toString((addedAt - firstAddAt) / 1_000_000));
		result.setProperty("writeMillis", Long.toString((figures.lastAckAt.get() - firstAddAt) / 1_000_000));
		result.setProperty("cpuJvmWritingMillis", Long.toString(cpuJvmEnd - cpuJvmAtFirstAdd));
		result.setProperty("cpuDaemonWritingMillis", Long.toString(cpuDaemonEnd - cpuDaemonAtFirstAdd));
		result.setProperty("cpuJvmTotalMillis", Long.toString(cpuJvmEnd - cpuBefore));
		result.setProperty("cpuDaemonTotalMillis", Long.toString(cpuDaemonEnd));
		result.setProperty("heapAllAddedBytes", Long.toString(heapAllAdded));
		result.setProperty("rssJvmAllAddedKib", Long.toString(rssJvmAllAdded));
		result.setProperty("rssDaemonAllAddedKib", Long.toString(rssDaemonAllAdded));
		result.setProperty("peakRssJvmKib", Long.toString(ProcFs.peakRssKib(self)));
		result.setProperty("peakRssDaemonKib", Long.toString((daemon > 0) ? ProcFs.peakRssKib(daemon) : 0));
		producer.close();
		try (Writer writer = Files.newBufferedWriter(resultFile)) {
			result.store(writer, "ProducerRun " + mode);
		}
		System.exit(0);
	}

	private static void awaitCompleted(Figures figures, long count) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (figures.completed() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(figures.completed() + " of " + count + " completed within " + TIMEOUT);
			}
			Thread.sleep(2);
		}
	}

	/** The i-th user record's data: its number, then a fixed filler. */
	static byte[] data(int i, int size) {
		byte[] data = new byte[size];
		ByteBuffer.wrap(data).putInt(i);
		for (int j = 4; j < size; j++) {
			data[j] = (byte) ('a' + j % 26);
		}
		return data;
	}

	private interface Producer {

		void add(String stream, String partitionKey, byte[] data);

		/** The native daemon's PID, or 0 where there is none. */
		long daemonPid();

		void close();

	}

	/** Counts and times acknowledgements. */
	private static final class Figures {

		final AtomicLong acknowledged = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		/** Acknowledged after more than one attempt the producer reports. */
		final AtomicLong retried = new AtomicLong();

		final AtomicLong firstAckAt = new AtomicLong();

		final AtomicLong lastAckAt = new AtomicLong();

		void acknowledged(int attempts) {
			if (attempts > 1) {
				this.retried.incrementAndGet();
			}
			long now = System.nanoTime();
			this.firstAckAt.compareAndSet(0, now);
			this.lastAckAt.accumulateAndGet(now, Math::max);
			this.acknowledged.incrementAndGet();
		}

		void failed(Throwable failure) {
			long count = this.failed.incrementAndGet();
			if (count <= 5 || count % 5_000 == 0) {
				System.out.println("Failure " + count + ": " + failure
						+ ((failure instanceof RecordExpiredException expired) ? " " + expired.attempts() : ""));
			}
		}

		long completed() {
			return this.acknowledged.get() + this.failed.get();
		}

	}

	private static final class Ours implements Producer {

		private final SdkAsyncHttpClient http;

		private final KinesisAsyncClient client;

		private final AggregatingProducer producer;

		private final Figures figures;

		private Ours(SdkAsyncHttpClient http, KinesisAsyncClient client, AggregatingProducer producer,
				Figures figures) {
			this.http = http;
			this.client = client;
			this.producer = producer;
			this.figures = figures;
		}

		static Ours start(int tlsPort, Duration requestTimeout, Duration recordTtl, boolean sdkRetries,
				Figures figures) {
			// kinesis-local's TLS port: self-signed certificate, HTTP/1.1 only.
			SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
				.protocol(Protocol.HTTP1_1)
				.maxConcurrency(CONNECTIONS)
				.buildWithDefaults(
						AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
			KinesisAsyncClient client = KinesisAsyncClient.builder()
				.endpointOverride(URI.create("https://127.0.0.1:" + tlsPort))
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider
					.create(AwsBasicCredentials.create("fake-access-key", "fake-secret-key")))
				.httpClient(http)
				// The SDK's own retries put a request again unseen by the producer.
				.overrideConfiguration((override) -> {
					if (!sdkRetries) {
						override.retryStrategy(AwsRetryStrategy.doNotRetry());
					}
				})
				.build();
			AggregatingProducer producer = AggregatingProducer.create(client,
					ProducerConfiguration.builder()
						.recordMaxBufferedTime(BUFFERED_TIME)
						.maxConnections(CONNECTIONS)
						.requestTimeout(requestTimeout)
						.recordTtl(recordTtl)
						.build());
			return new Ours(http, client, producer, figures);
		}

		@Override
		public void add(String stream, String partitionKey, byte[] data) {
			this.producer.addUserRecord(stream, partitionKey, data).whenComplete((result, failure) -> {
				if (failure instanceof java.util.concurrent.CompletionException completion) {
					failure = completion.getCause();
				}
				if (failure == null) {
					this.figures.acknowledged(result.attempts().size());
				}
				else {
					this.figures.failed(failure);
				}
			});
		}

		@Override
		public long daemonPid() {
			return 0;
		}

		@Override
		public void close() {
			this.producer.close();
			this.client.close();
			this.http.close();
		}

	}

	private static final class Kpl implements Producer {

		private final KinesisProducer producer;

		private final Figures figures;

		private Kpl(KinesisProducer producer, Figures figures) {
			this.producer = producer;
			this.figures = figures;
		}

		static Kpl start(int tlsPort, Duration requestTimeout, Duration recordTtl, Figures figures) {
			return new Kpl(new KinesisProducer(RealKpl.configuration(tlsPort)
				.setRecordMaxBufferedTime(BUFFERED_TIME.toMillis())
				.setMaxConnections(CONNECTIONS)
				.setRequestTimeout(requestTimeout.toMillis())
				.setRecordTtl(recordTtl.toMillis())), figures);
		}

		@Override
		public void add(String stream, String partitionKey, byte[] data) {
			Futures.addCallback(this.producer.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data)),
					new FutureCallback<UserRecordResult>() {

						@Override
						public void onSuccess(UserRecordResult result) {
							if (result.isSuccessful()) {
								Kpl.this.figures.acknowledged(result.getAttempts().size());
							}
							else {
								Kpl.this.figures
									.failed(new IllegalStateException("Not written: " + result.getAttempts()));
							}
						}

						@Override
						public void onFailure(Throwable failure) {
							Kpl.this.figures.failed(failure);
						}

					}, MoreExecutors.directExecutor());
		}

		@Override
		public long daemonPid() {
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				var daemon = ProcessHandle.current()
					.children()
					.filter((child) -> child.info().command().orElse("").contains("kinesis_producer"))
					.findFirst();
				if (daemon.isPresent()) {
					return daemon.get().pid();
				}
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			throw new IllegalStateException("No KPL daemon among " + ProcessHandle.current().children().toList());
		}

		@Override
		public void close() {
			this.producer.flushSync();
			this.producer.destroy();
		}

	}

}
