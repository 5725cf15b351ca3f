package io.github.kpldeagg.sample.embedded;

import io.github.kpldeagg.emulator.EmulatorUnavailableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing Node.js or a failed kinesis-local start into Spring Boot's short
 * failure report.
 *
 * @author The kpl-deagg maintainers
 */
class EmulatorUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<EmulatorUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmulatorUnavailableException cause) {
		return new FailureAnalysis(
				EmbeddedKinesis.ENDPOINT + " is not set, so the sample starts its own Kinesis (kinesis-local, run by"
						+ " Node.js), but it could not:\n\n" + cause.getMessage(),
				"Install Node.js 20 or later with npm (https://nodejs.org) and run the sample again, or point it at a"
						+ " running Kinesis emulator with\n\n    --" + EmbeddedKinesis.ENDPOINT
						+ "=http://127.0.0.1:<port> " + LoopbackDefaults.asArguments()
						+ "\n\n(for an endpoint on loopback the sample sets that region and those fake credentials"
						+ " itself when none are given; add --sample.producer.enabled=false when a KPL producer"
						+ " already feeds the stream).",
				cause);
	}

}
