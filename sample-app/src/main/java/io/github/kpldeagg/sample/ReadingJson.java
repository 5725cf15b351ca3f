package io.github.kpldeagg.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON of a {@link Reading}, as the producer writes it and the
 * {@code Consumer<UserRecord>} reads it. The sample's own mapper rather than the
 * application's, so that it runs unchanged on Spring Boot 4 (Jackson 3 beans) and, in the
 * Boot 3 line's end-to-end test, on Spring Boot 3.5 (Jackson 2 beans).
 *
 * @author The kpl-deagg maintainers
 */
public final class ReadingJson {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ReadingJson() {
	}

	public static byte[] write(Reading reading) {
		try {
			return JSON.writeValueAsBytes(reading);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The reading in {@code data}; empty when the data is something else.
	 * @param data the data
	 * @return the reading in {@code data}
	 */
	public static Optional<Reading> read(byte[] data) {
		try {
			return Optional.of(JSON.readValue(data, Reading.class));
		}
		catch (IOException notAReading) {
			return Optional.empty();
		}
	}

}
