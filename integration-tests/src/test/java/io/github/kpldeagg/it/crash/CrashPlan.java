package io.github.kpldeagg.it.crash;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * How long {@link RepeatedCrashesIT} runs, how many consumer JVMs it keeps and how often
 * it kills one, from system properties ({@code kpl.it.crashes.duration} as an ISO-8601
 * duration, {@code .kills}, {@code .consumers}, {@code .seed}, and
 * {@code .position-save-interval}, the consumers'
 * {@code kpl.deaggregation.position-save-interval}, unset by default); the defaults make
 * the short run of CI. The kills fall at random moments, one in each of {@code kills}
 * equal slots between a tenth and nine tenths of the run, so that the consumers start
 * before the first and catch up after the last.
 */
record CrashPlan(Duration duration, int kills, int consumers, long seed, @Nullable Duration positionSaveInterval) {

	private static final String PREFIX = "kpl.it.crashes.";

	private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(3);

	static CrashPlan fromSystemProperties() {
		return new CrashPlan(Duration.parse(System.getProperty(PREFIX + "duration", "PT90S")),
				Integer.getInteger(PREFIX + "kills", 4), Integer.getInteger(PREFIX + "consumers", 2),
				Long.getLong(PREFIX + "seed", 20261202L),
				Optional.ofNullable(System.getProperty(PREFIX + "position-save-interval"))
					.map(Duration::parse)
					.orElse(null));
	}

	/** When, from the start of the run, kill number {@code kill} (from 0) falls. */
	Duration killAt(int kill, Random random) {
		Duration window = this.duration.multipliedBy(8).dividedBy(10);
		Duration slot = window.dividedBy(this.kills);
		return this.duration.dividedBy(10)
			.plus(slot.multipliedBy(kill))
			.plusMillis((long) (random.nextDouble() * Math.max(0, slot.toMillis() - MAX_RESTART_DELAY.toMillis())));
	}

	/** How long a killed consumer stays down before it starts again. */
	Duration restartDelay(Random random) {
		return Duration.ofMillis(random.nextInt((int) MAX_RESTART_DELAY.toMillis()));
	}

	@Override
	public String toString() {
		return this.duration + ", " + this.kills + " kills, " + this.consumers + " consumer JVMs, seed " + this.seed
				+ ", position save interval "
				+ ((this.positionSaveInterval != null) ? this.positionSaveInterval : "off");
	}
}
