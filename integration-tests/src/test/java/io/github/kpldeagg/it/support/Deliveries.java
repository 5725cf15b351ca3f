package io.github.kpldeagg.it.support;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;

/**
 * A {@link DeliveryHandler} that keeps every delivery, in arrival order, for the test to
 * inspect.
 */
public final class Deliveries implements DeliveryHandler {

	/** Long enough for the binder to poll every shard a few times more. */
	private static final Duration QUIET_PERIOD = Duration.ofSeconds(4);

	private final Queue<Delivery> received = new ConcurrentLinkedQueue<>();

	@Override
	public void handle(Delivery delivery) {
		this.received.add(delivery);
	}

	public List<Delivery> all() {
		return List.copyOf(this.received);
	}

	/**
	 * Waits until at least {@code count} deliveries arrived, then a quiet period more, so
	 * that a surplus (a repeated user record) would be seen too.
	 */
	public List<Delivery> awaitAtLeast(int count, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> this.received.size() >= count);
		sleep(QUIET_PERIOD);
		return all();
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
