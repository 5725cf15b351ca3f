package io.github.kpldeagg.autoconfigure;

/**
 * The Kinesis binder on the class path is not one whose internals the starter knows.
 *
 * @author The kpl-deagg maintainers
 */
class IncompatibleKinesisBinderException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String supportedBinder;

	IncompatibleKinesisBinderException(String problem, String supportedBinder) {
		super("KPL deaggregation does not support the Kinesis binder on the classpath: " + problem + ". Supported: "
				+ supportedBinder + ".");
		this.supportedBinder = supportedBinder;
	}

	String supportedBinder() {
		return this.supportedBinder;
	}

}
