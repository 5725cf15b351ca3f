package io.github.kpldeagg.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.SmartLifecycle;

/**
 * Checkpoints what the deaggregating KCL-mode bindings handled since their last
 * checkpoint (batch and periodic checkpoint modes) when the application stops, just
 * before Spring Cloud Stream stops the bindings: KCL would deliver it again after a
 * restart. Until the bindings stop, each user record handled is checkpointed at once.
 *
 * @author The kpl-deagg maintainers
 */
final class KclStopCheckpoints implements SmartLifecycle {

	/**
	 * Above the phase of Spring Cloud Stream's input bindings ({@code Integer.MAX_VALUE}
	 * - 1000 in 4.0, - 3000 since 4.3), which therefore stop after this.
	 */
	private static final int PHASE = Integer.MAX_VALUE - 500;

	private final List<KclCheckpoints> bindings = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	void register(KclCheckpoints checkpoints) {
		this.bindings.add(checkpoints);
	}

	@Override
	public void start() {
		this.running = true;
		this.bindings.forEach(KclCheckpoints::started);
	}

	@Override
	public void stop() {
		this.running = false;
		this.bindings.forEach(KclCheckpoints::stopping);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
