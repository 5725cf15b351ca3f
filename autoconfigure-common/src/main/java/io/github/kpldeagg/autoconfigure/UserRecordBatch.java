package io.github.kpldeagg.autoconfigure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;

/**
 * The user records of a batch message whose payload is a list of their data (the binder's
 * batch listener mode without embedded headers or native decoding), in payload order; the
 * {@link KplHeaders#USER_RECORDS} header. The binder sends such a batch without its
 * Kinesis records, so these user records have no approximate arrival timestamp.
 * <p>
 * When a function takes {@code List<UserRecord>}, Spring Cloud Function converts each
 * payload element on its own, with the batch's headers: the element itself tells which
 * user record it is.
 *
 * @author The kpl-deagg maintainers
 */
public final class UserRecordBatch {

	private final List<?> payloads;

	private final List<UserRecord> userRecords;

	private volatile @Nullable Map<Object, UserRecord> byPayload;

	/**
	 * Pairs a batch payload with its user records, element by element.
	 * @param payloads the batch payload, element {@code i} being the data of
	 * {@code userRecords.get(i)}; kept as it is, for identity lookups
	 * @param userRecords the user records, in payload order
	 * @throws IllegalArgumentException if the two lists differ in size
	 */
	UserRecordBatch(List<?> payloads, List<UserRecord> userRecords) {
		if (payloads.size() != userRecords.size()) {
			throw new IllegalArgumentException(
					payloads.size() + " payloads for " + userRecords.size() + " user records");
		}
		this.payloads = payloads;
		this.userRecords = List.copyOf(userRecords);
	}

	/**
	 * Returns the user records, in payload order; unmodifiable.
	 * @return the user records, in payload order; unmodifiable
	 */
	public List<UserRecord> userRecords() {
		return this.userRecords;
	}

	/**
	 * Returns the user record whose data is this element of the batch payload, if it is
	 * one.
	 * @param payloadElement an element of the batch payload: the same object, not equal
	 * bytes
	 * @return the user record whose data is this element of the batch payload, if it is
	 * one
	 */
	public Optional<UserRecord> userRecordOf(Object payloadElement) {
		Map<Object, UserRecord> index = this.byPayload;
		if (index == null) {
			// Built once per batch, only when a function asks; a racing
			// second build is harmless.
			index = new IdentityHashMap<>(this.payloads.size());
			for (int i = 0; i < this.payloads.size(); i++) {
				index.put(this.payloads.get(i), this.userRecords.get(i));
			}
			this.byPayload = index;
		}
		return Optional.ofNullable(index.get(payloadElement));
	}

}
