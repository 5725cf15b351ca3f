package io.github.kpldeagg.it.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.ProducerConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * A JVM that writes user records 0, 1, 2, ... with {@link AggregatingProducer} as fast as
 * the producer takes them, until it is killed, for {@link ProducerKillIT}. Before each
 * add it writes the user record's number to the added file; when its future succeeds, the
 * number and the result's shard, sequence and sub-sequence number to the acknowledged
 * file. Each line is flushed to the file at once, so that it survives a SIGKILL.
 * Arguments: kinesis-local's plain endpoint, the stream, the added file, the acknowledged
 * file.
 */
public final class AcknowledgementLoggingWriter {

	static final int DATA_BYTES = 200;

	private AcknowledgementLoggingWriter() {
	}

	public static void main(String[] args) throws IOException {
		URI endpoint = URI.create(args[0]);
		String stream = args[1];
		KinesisAsyncClient client = KinesisAsyncClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("fake-access-key", "fake-secret-key")))
			.build();
		AggregatingProducer producer = AggregatingProducer.create(client,
				ProducerConfiguration.builder()
					.recordMaxBufferedTime(Duration.ofMillis(100))
					.maxOutstandingUserRecords(10_000)
					.build());
		Writer added = Files.newBufferedWriter(Path.of(args[2]));
		Writer acknowledged = Files.newBufferedWriter(Path.of(args[3]));
		for (int i = 0;; i++) {
			int id = i;
			line(added, Integer.toString(id));
			producer.addUserRecord(stream, "key-" + id, ProducerRun.data(id, DATA_BYTES))
				.whenComplete((result, failure) -> {
					if (failure == null) {
						line(acknowledged, id + " " + result.shardId() + " " + result.sequenceNumber() + " "
								+ result.subSequenceNumber());
					}
					else {
						failure.printStackTrace();
					}
				});
		}
	}

	private static void line(Writer writer, String line) {
		synchronized (writer) {
			try {
				writer.write(line);
				writer.write('\n');
				writer.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
