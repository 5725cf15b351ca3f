package io.github.kpldeagg.autoconfigure.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

/** What each function of a test application received, in order. */
final class Received {

	/**
	 * Generous: KCL mode alone needs ~20 s to its first record on a quiet machine, CI
	 * shares 2 cores.
	 */
	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	/**
	 * How long a function must receive nothing before what it received counts as all it
	 * gets.
	 */
	private static final Duration QUIET_PERIOD = Duration.ofSeconds(2);

	private final Map<String, List<Object>> byFunction = new ConcurrentHashMap<>();

	private final Map<String, Long> lastArrivalNanos = new ConcurrentHashMap<>();

	void add(String function, Object input) {
		this.byFunction.computeIfAbsent(function, (name) -> Collections.synchronizedList(new ArrayList<>())).add(input);
		this.lastArrivalNanos.put(function, System.nanoTime());
	}

	List<Object> of(String function) {
		List<Object> inputs = this.byFunction.getOrDefault(function, List.of());
		synchronized (inputs) {
			return List.copyOf(inputs);
		}
	}

	/**
	 * The inputs of a function once it has received at least {@code count} and then
	 * nothing for a quiet period, so that a test comparing them also sees any input that
	 * came twice or should not have come.
	 */
	@SuppressWarnings("unchecked")
	<T> List<T> await(String function, int count) {
		Awaitility.await().atMost(TIMEOUT).until(() -> of(function).size() >= count && quietFor(function));
		return (List<T>) of(function);
	}

	/**
	 * The inputs of a function once one of them equals {@code last} and then nothing came
	 * for a quiet period.
	 */
	@SuppressWarnings("unchecked")
	<T> List<T> awaitThrough(String function, Object last) {
		Awaitility.await().atMost(TIMEOUT).until(() -> of(function).contains(last) && quietFor(function));
		return (List<T>) of(function);
	}

	private boolean quietFor(String function) {
		Long lastArrival = this.lastArrivalNanos.get(function);
		return lastArrival != null && System.nanoTime() - lastArrival >= QUIET_PERIOD.toNanos();
	}

}
