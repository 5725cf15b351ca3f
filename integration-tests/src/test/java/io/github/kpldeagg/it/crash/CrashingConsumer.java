package io.github.kpldeagg.it.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.kpldeagg.it.support.ConsumerApp;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.DeliveryHandler;
import io.github.kpldeagg.it.support.DeliveryLog;
import io.github.kpldeagg.it.support.UserRecordId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of the crash test, run in a JVM of its own: logs every user record it
 * receives to {@code it.received}, applies it once to {@code it.effects} through
 * {@link IdempotentEffects}, and, having handled the user record {@code it.halt-after}
 * (an identity {@code stream/shard/sequence/sub-sequence}), halts the JVM at once: no
 * shutdown hook, no clean stop of the binder, no final checkpoint. With
 * {@code it.work-millis}, each user record takes that long more after it is applied, as a
 * consumer's work would, which holds off the checkpoint.
 */
@Configuration(proxyBeanMethods = false)
public class CrashingConsumer {

	/** The exit status of a halted consumer. */
	public static final int HALT_STATUS = 86;

	public static void main(String[] args) {
		new SpringApplicationBuilder(ConsumerApp.class, CrashingConsumer.class).run(args);
	}

	/**
	 * The command-line arguments of a consumer JVM; {@code haltAfter} null for one that
	 * does not halt.
	 */
	static List<String> arguments(ConsumerSettings settings, Path received, Path effects, UserRecordId haltAfter) {
		List<String> arguments = new ArrayList<>(settings.asArguments());
		arguments.add("--it.received=" + received.toAbsolutePath());
		arguments.add("--it.effects=" + effects.toAbsolutePath());
		if (haltAfter != null) {
			arguments.add("--it.halt-after=" + haltAfter);
		}
		return arguments;
	}

	private static void work(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Bean
	DeliveryHandler crashingHandler(@Value("${it.received}") Path received, @Value("${it.effects}") Path effects,
			@Value("${it.halt-after:}") String haltAfter, @Value("${it.work-millis:0}") long workMillis) {
		DeliveryLog receivedLog = new DeliveryLog(received);
		IdempotentEffects idempotentEffects = new IdempotentEffects(effects);
		return (delivery) -> {
			receivedLog.handle(delivery);
			idempotentEffects.handle(delivery);
			if (delivery.id().toString().equals(haltAfter)) {
				Runtime.getRuntime().halt(HALT_STATUS);
			}
			work(workMillis);
		};
	}

}
