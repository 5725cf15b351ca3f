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

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
