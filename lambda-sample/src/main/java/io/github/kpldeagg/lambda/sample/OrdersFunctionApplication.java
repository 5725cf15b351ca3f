package io.github.kpldeagg.lambda.sample;

import java.util.function.Consumer;

import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * An AWS Lambda function behind a Kinesis event source mapping, run by Spring Cloud
 * Function's {@code FunctionInvoker}: it is called once per user record, and a user
 * record that throws makes Lambda retry from its Kinesis record.
 *
 * @author The kpl-deagg maintainers
 */
@SpringBootApplication
public class OrdersFunctionApplication {

	private static final Logger log = LoggerFactory.getLogger(OrdersFunctionApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(OrdersFunctionApplication.class, args);
	}

	/**
	 * Stores each user record once. After a failure Lambda sends the failed Kinesis
	 * record again, with the user records before the failing one: the checkpoint drops
	 * them.
	 * @param failOnceAt a user record ({@code sequenceNumber/subSequenceNumber}) to fail
	 * the first time, standing in for a passing outage of whatever the function writes to
	 * @param checkpoints the checkpoints
	 * @return the function, which stores each user record once
	 */
	@Bean
	Consumer<Message<UserRecord>> orders(ShardCheckpoints checkpoints,
			@Value("${sample.fail-once-at:}") String failOnceAt) {
		TransientFailure outage = new TransientFailure(failOnceAt);
		return (message) -> {
			UserRecord userRecord = message.getPayload();
			String stream = message.getHeaders().get(KplHeaders.EVENT_SOURCE_ARN, String.class);
			String shard = message.getHeaders().get(KplHeaders.SHARD_ID, String.class);
			if (checkpoints.isDone(stream, shard, userRecord)) {
				log.info("repeat   {}/{} dropped", userRecord.sequenceNumber(), userRecord.subSequenceNumber());
				return;
			}
			outage.maybeFail(userRecord);
			log.info("stored   {}/{} partition key {}, {} bytes", userRecord.sequenceNumber(),
					userRecord.subSequenceNumber(), userRecord.partitionKey(), userRecord.dataLength());
			checkpoints.done(stream, shard, userRecord);
		};
	}

	@Bean
	ShardCheckpoints shardCheckpoints() {
		return new ShardCheckpoints();
	}

}
