package io.github.kpldeagg.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.kpldeagg.emulator.KinesisLocal;
import io.github.kpldeagg.sample.SampleAppProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample as a user runs it: its own JVM, its console output and its exit code. */
class SampleApplicationTests {

	private static final int RECORDS = 3000;

	private static final Pattern EMULATOR_PORT = Pattern
		.compile("kinesis-local listens on http://127\\.0\\.0\\.1:(\\d+)");

	private static final String LOOPBACK_DEFAULTS = "The Kinesis is on loopback: unset settings get the sample's"
			+ " defaults [spring.cloud.aws.region.static=us-east-1, spring.cloud.aws.credentials.access-key="
			+ "fake-access-key, spring.cloud.aws.credentials.secret-key=fake-secret-key]";

	private static final Pattern PUT = Pattern
		.compile("put: (\\d+) user records in (\\d+) Kinesis records \\((\\d+) aggregates, (\\d+) plain records\\)");

	private static final Pattern PUT_WITH_PRODUCER = Pattern
		.compile("put with kpl-deagg-producer: (\\d+) user records in (\\d+) Kinesis records \\((\\d+) aggregates,"
				+ " (\\d+) plain records\\), (\\d+) PUT payload units");

	@Test
	void putsAggregatesAndReadsBackEveryUserRecordOnceInOrderWithItsHeadersOnBothBindings()
			throws IOException, InterruptedException {
		Result run = SampleAppProcess.run("embedded-kinesis", SampleAppProcess.inheritedPath(),
				"--sample.records=" + RECORDS, "--sample.rate=3000");

		String output = run.output();
		assertThat(run.exitCode()).as("exit code; console in %s", run.log()).isZero();
		assertThat(output).contains("spring.cloud.aws.endpoint is not set: starting kinesis-local")
			.contains(LOOPBACK_DEFAULTS);
		Matcher put = PUT.matcher(output);
		assertThat(put.find()).as("put line in %s", run.log()).isTrue();
		long kinesisRecords = Long.parseLong(put.group(2));
		long aggregates = Long.parseLong(put.group(3));
		long plainRecords = Long.parseLong(put.group(4));
		assertThat(Long.parseLong(put.group(1))).isEqualTo(RECORDS);
		assertThat(aggregates).isPositive();
		assertThat(plainRecords).isPositive();
		assertThat(kinesisRecords).isEqualTo(aggregates + plainRecords).isLessThan(RECORDS / 10);
		Matcher putWithProducer = PUT_WITH_PRODUCER.matcher(output);
		assertThat(putWithProducer.find()).as("second put line in %s", run.log()).isTrue();
		long producerKinesisRecords = Long.parseLong(putWithProducer.group(2));
		assertThat(Long.parseLong(putWithProducer.group(1))).isEqualTo(RECORDS);
		assertThat(producerKinesisRecords).isLessThan(RECORDS / 10);
		assertThat(Long.parseLong(putWithProducer.group(5))).as("PUT payload units")
			.isGreaterThanOrEqualTo(producerKinesisRecords)
			.isLessThan(RECORDS / 10);
		assertThat(output).containsPattern("saved: 0\\.0\\d+ Kinesis records and 0\\.0\\d+ PUT payload units per"
				+ " user record, where one record each would take 1 and at least 1");
		long userRecords = 2 * RECORDS;
		kinesisRecords += producerKinesisRecords;
		aggregates += Long.parseLong(putWithProducer.group(3));
		plainRecords += Long.parseLong(putWithProducer.group(4));
		for (String binding : new String[] { "userRecords-in-0", "readings-in-0" }) {
			assertThat(output)
				.contains(binding + ": read " + kinesisRecords + " Kinesis records (" + aggregates + " aggregates, "
						+ plainRecords + " plain records), " + userRecords + " user records\n")
				.contains(binding + " check (")
				.contains("PASSED: " + userRecords + " of " + userRecords
						+ " user records arrived exactly once, in order per partition key, as sent");
		}
		assertThat(output).contains("check (Consumer<Message<Reading>>, by kpl_* headers): PASSED")
			.containsPattern("user record #1: partitionKey=device-\\d\\d sequenceNumber=\\d+ subSequenceNumber=\\d+"
					+ " aggregated=(true|false)")
			.contains("result: PASSED")
			.doesNotContain(" ERROR ")
			.doesNotContain("\tat ");
		Matcher emulatorPort = EMULATOR_PORT.matcher(output);
		assertThat(emulatorPort.find()).isTrue();
		assertThat(accepts(Integer.parseInt(emulatorPort.group(1)))).as("kinesis-local still listening").isFalse();
	}

	@Test
	void withoutNodeSaysWhatIsMissingAndWhatToDoThenExitsNonZeroWithoutAStackTrace(@TempDir Path emptyDirectory)
			throws IOException, InterruptedException {
		Result run = SampleAppProcess.run("without-node", emptyDirectory.toString());

		assertThat(run.exitCode()).isNotZero();
		assertThat(run.output()).contains("APPLICATION FAILED TO START")
			.contains("spring.cloud.aws.endpoint is not set, so the sample starts its own Kinesis")
			.contains("`node` was not found on the PATH")
			.contains("Action:")
			.contains("Install Node.js 20 or later with npm (https://nodejs.org)")
			.contains("--spring.cloud.aws.endpoint=http://127.0.0.1:<port>"
					+ " --spring.cloud.aws.region.static=us-east-1"
					+ " --spring.cloud.aws.credentials.access-key=fake-access-key"
					+ " --spring.cloud.aws.credentials.secret-key=fake-secret-key")
			.doesNotContain("\tat ")
			.doesNotContain("Exception");
	}

	/**
	 * Only the endpoint, as a user pointing the sample at their own emulator may give it:
	 * without the sample's defaults the AWS clients would take the SDK's default region
	 * and credentials chains, which find nothing here (no AWS settings, instance metadata
	 * disabled) and fail the start.
	 */
	@Test
	void withALoopbackEndpointAloneStartsNoEmulatorAndGivesTheClientsARegionAndFakeCredentials(
			@TempDir Path emptyDirectory) throws IOException, InterruptedException {
		try (KinesisLocal kinesis = KinesisLocal.start()) {
			// No node on the PATH: starting an emulator would fail the run.
			Result run = SampleAppProcess.run("given-endpoint", emptyDirectory.toString(),
					"--spring.cloud.aws.endpoint=" + kinesis.endpoint(), "--sample.stream=given-stream",
					"--sample.shards=2", "--sample.records=500");

			assertThat(run.exitCode()).as("exit code; console in %s", run.log()).isZero();
			int userRecords = 1000;
			assertThat(run.output()).contains("Using the Kinesis at spring.cloud.aws.endpoint=" + kinesis.endpoint())
				.contains(LOOPBACK_DEFAULTS)
				.doesNotContain("starting kinesis-local")
				.contains("PASSED: " + userRecords + " of " + userRecords)
				.contains("result: PASSED");
			// The binder created the stream, with the sample's shard count.
			assertThat(kinesis.client()
				.describeStreamSummary((request) -> request.streamName("given-stream"))
				.streamDescriptionSummary()
				.openShardCount()).isEqualTo(2);
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

}
