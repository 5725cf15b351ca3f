package io.github.kpldeagg.lambda.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.kpldeagg.lambda.Lambda;
import io.github.kpldeagg.lambda.LambdaEvents;
import io.github.kpldeagg.lambda.LambdaEvents.KinesisRecord;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The sample function in Lambda's place, without AWS: Spring Cloud Function's standard
 * handler gets a Kinesis event of real-KPL records, one user record fails once, and the
 * handler is called again with the batch Lambda would retry, as an event source mapping
 * with ReportBatchItemFailures does.
 */
public final class LocalLambdaRun {

	private static final Pattern FAILED = Pattern.compile("\"itemIdentifier\":\"(\\d+)\"");

	private LocalLambdaRun() {
	}

	public static void main(String[] args) throws IOException {
		run(System.out);
	}

	static Outcome run(PrintStream out) throws IOException {
		List<KinesisRecord> shard = LambdaEvents.firstShard();
		KinesisRecord third = shard.get(2);
		String failOnceAt = third.sequenceNumber() + "/5";
		FunctionInvoker handler = Lambda.handler(OrdersFunctionApplication.class, "sample.fail-once-at=" + failOnceAt);

		int userRecords = shard.stream().mapToInt((record) -> record.userRecords().size()).sum();
		out.printf("%nInvocation 1: %d Kinesis records of shard %s (%d user records written by the real KPL 1.1.1);"
				+ " user record %s fails once%n", shard.size(), third.shardId(), userRecords, failOnceAt);
		String firstResponse = Lambda.invoke(handler, LambdaEvents.event(shard));
		out.printf("Handler response: %s%n", firstResponse);

		Matcher failed = FAILED.matcher(firstResponse);
		if (!failed.find()) {
			throw new IllegalStateException("Expected a batch item failure, got " + firstResponse);
		}
		String retriedFrom = failed.group(1);
		List<KinesisRecord> retry = shard.stream()
			.dropWhile((record) -> !record.sequenceNumber().equals(retriedFrom))
			.toList();
		out.printf("%nInvocation 2: Lambda retries from Kinesis record %s (%d Kinesis records)%n", retriedFrom,
				retry.size());
		String retryResponse = Lambda.invoke(handler, LambdaEvents.event(retry));
		out.printf("Handler response: %s%n%n", retryResponse);
		return new Outcome(firstResponse, retriedFrom, retryResponse);
	}

	/** What the two invocations answered. */
	record Outcome(String firstResponse, String retriedFrom, String retryResponse) {
	}

}
