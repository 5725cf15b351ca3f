package io.github.kpldeagg.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Tells, in Spring Boot's start-up failure report, which binder versions the starter
 * supports.
 *
 * @author The kpl-deagg maintainers
 */
class IncompatibleKinesisBinderFailureAnalyzer extends AbstractFailureAnalyzer<IncompatibleKinesisBinderException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleKinesisBinderException cause) {
		return new FailureAnalysis(cause.getMessage(), "Use " + cause.supportedBinder()
				+ ", or set kpl.deaggregation.enabled=false to run without KPL deaggregation.", cause);
	}

}
