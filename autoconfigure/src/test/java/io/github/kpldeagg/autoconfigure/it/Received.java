package io.github.kpldeagg.autoconfigure.it;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What each function of a test application received, in order. */
final class Received {

    /** Generous: KCL mode alone needs ~20 s to its first record on a quiet machine, CI shares 2 cores. */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Map<String, List<Object>> byFunction = new ConcurrentHashMap<>();

    void add(String function, Object input) {
        byFunction.computeIfAbsent(function, name -> Collections.synchronizedList(new ArrayList<>())).add(input);
    }

    List<Object> of(String function) {
        List<Object> inputs = byFunction.getOrDefault(function, List.of());
        synchronized (inputs) {
            return List.copyOf(inputs);
        }
    }

    /** The inputs of a function once it has received at least {@code count}. */
    @SuppressWarnings("unchecked")
    <T> List<T> await(String function, int count) {
        Awaitility.await().atMost(TIMEOUT).until(() -> of(function).size() >= count);
        return (List<T>) of(function);
    }
}
