package io.github.kpldeagg.lambda.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.kpldeagg.lambda.LambdaEvents;
import io.github.kpldeagg.lambda.LambdaEvents.KinesisRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run, checked: a failure reported by its Kinesis record, the retry stores the
 * rest and drops repeats.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleFunctionTests {

	@Test
	void aFailedUserRecordIsRetriedFromItsKinesisRecordAndItsPredecessorsAreDroppedAsRepeats(CapturedOutput output)
			throws Exception {
		List<KinesisRecord> shard = LambdaEvents.firstShard();

		LocalLambdaRun.Outcome outcome = LocalLambdaRun
			.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(outcome.retriedFrom()).isEqualTo(shard.get(2).sequenceNumber());
		assertThat(outcome.firstResponse())
			.isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + outcome.retriedFrom() + "\"}]}");
		assertThat(outcome.retryResponse()).isEqualTo("{\"batchItemFailures\":[]}");
		int userRecords = shard.stream().mapToInt((record) -> record.userRecords().size()).sum();
		assertThat(output.getOut().lines().filter((line) -> line.contains("stored   "))).hasSize(userRecords);
		assertThat(output.getOut().lines().filter((line) -> line.contains("repeat   "))).hasSize(5);
	}

}
