package io.github.kpldeagg.producer;

/**
 * A user record was refused because
 * {@link ProducerConfiguration#maxOutstandingUserRecords()} user records were outstanding
 * and the back-pressure is {@link BackPressure#FAIL}.
 *
 * @author The kpl-deagg maintainers
 */
public class OutstandingLimitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what the limit is
	 */
	public OutstandingLimitException(String message) {
		super(message);
	}

}
