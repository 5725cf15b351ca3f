package io.github.kpldeagg.lambda.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.kpldeagg.lambda.Lambda;
import io.github.kpldeagg.lambda.LambdaEvents;
import io.github.kpldeagg.lambda.bench.plain.PlainFunctionApplication;
import io.github.kpldeagg.lambda.bench.starter.StarterFunctionApplication;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * One cold start: JVM start, Spring Cloud Function's {@code FunctionInvoker}, one Kinesis
 * event of the real KPL's first shard (311 user records), exit. {@code starter}: a
 * {@code Consumer<UserRecord>} with the starter; {@code plain}: the same work in a
 * {@code Consumer<KinesisEvent>}, the starter's auto-configuration excluded.
 * {@code event FILE} writes the event, so that building it is timed in neither.
 */
public final class InitTime {

	private InitTime() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("event")) {
			Files.write(Path.of(args[1]), LambdaEvents.event(LambdaEvents.firstShard()));
			return;
		}
		byte[] event = Files.readAllBytes(Path.of(args[1]));
		FunctionInvoker handler = switch (args[0]) {
			case "starter" ->
				Lambda.handler(StarterFunctionApplication.class, "spring.cloud.function.definition=userRecords");
			case "plain" ->
				Lambda.handler(PlainFunctionApplication.class, "spring.cloud.function.definition=kinesisEvents",
						"spring.autoconfigure.exclude=io.github.kpldeagg.lambda.KplLambdaAutoConfiguration");
			default -> throw new IllegalArgumentException(args[0]);
		};
		String response = Lambda.invoke(handler, event);
		long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		System.out.printf("%s: %d user records, %d bytes, response %s, first event handled %d ms after JVM start%n",
				args[0], Work.userRecords, Work.bytes, response, sinceJvmStart);
		System.exit(0);
	}

}
