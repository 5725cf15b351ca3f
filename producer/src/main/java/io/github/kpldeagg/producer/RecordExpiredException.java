package io.github.kpldeagg.producer;

import java.util.List;

/**
 * A user record was not put within {@link ProducerConfiguration#recordTtl()} of its
 * arrival, as the KPL fails it with error code {@code Expired}. Every other failure
 * (throttling, a failed request, a put on the wrong shard) is retried until then.
 *
 * @author The kpl-deagg maintainers
 */
public class RecordExpiredException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Attempt> attempts;

	/**
	 * Creates the exception.
	 * @param message what expired
	 * @param attempts the user record's attempts, in order, the {@value Attempt#EXPIRED}
	 * one last
	 */
	public RecordExpiredException(String message, List<Attempt> attempts) {
		super(message);
		this.attempts = List.copyOf(attempts);
	}

	/**
	 * Returns the user record's attempts, in order, the {@value Attempt#EXPIRED} one
	 * last; unmodifiable. After a deserialization, empty.
	 * @return the user record's attempts, in order, the {@value Attempt#EXPIRED} one
	 * last; unmodifiable
	 */
	public List<Attempt> attempts() {
		return (this.attempts != null) ? this.attempts : List.of();
	}

}
