package io.github.kpldeagg.sample.embedded;

import io.github.kpldeagg.emulator.EmulatorUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing Node.js or a failed kinesis-local start into Spring Boot's short failure report. */
class EmulatorUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<EmulatorUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmulatorUnavailableException cause) {
        return new FailureAnalysis(
                "The sample could not start its embedded Kinesis (kinesis-local, which runs on Node.js), used because "
                        + EmbeddedKinesis.ENDPOINT + " is not set:\n\n" + cause.getMessage(),
                "Install Node.js 18 or later with npm (https://nodejs.org) and run the sample again, or point it at a"
                        + " running Kinesis with --" + EmbeddedKinesis.ENDPOINT + "=http://127.0.0.1:<port> (add"
                        + " --sample.producer.enabled=false when a KPL producer already feeds the stream).",
                cause);
    }
}
