package io.github.kpldeagg.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers for reflection, in a native image, the binder's private fields that
 * {@link BinderInternals} reads: on both lines
 * {@code AbstractMessageChannelBinder.consumerCustomizer}, the polling adapter's
 * {@code embeddedHeadersMapper} and {@code bindSourceRecord}, and the KCL adapter's
 * {@code checkpointMode}, {@code checkpointsInterval} and {@code bindSourceRecord}. Each
 * line's auto-configuration imports a subclass with its {@link BinderLine}. A binder
 * without these fields fails the ahead-of-time processing with the message
 * {@link BinderInternals#verify} gives at start-up.
 *
 * @author The kpl-deagg maintainers
 */
public class BinderInternalsRuntimeHints implements RuntimeHintsRegistrar {

	private final BinderLine line;

	/**
	 * Hints for the fields of this line's binder.
	 * @param line the binder line
	 */
	protected BinderInternalsRuntimeHints(BinderLine line) {
		this.line = line;
	}

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BinderInternals.fields(this.line).forEach(hints.reflection()::registerField);
	}

}
