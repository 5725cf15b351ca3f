package io.github.kpldeagg.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sizes and switches of a sample run; the defaults are in {@code application.yml}.
 *
 * @param stream the Kinesis stream both bindings read and the producer writes
 * @param shards the stream's shard count when the sample (or the binder) creates it
 * @param records how many user records the producer writes
 * @param partitionKeys how many partition keys (devices) the user records are spread over
 * @param rate user records the producer writes per second
 * @param timeout how long to wait, after the last put, for every user record to arrive
 * @param keepRunning whether to keep consuming after the summary instead of exiting
 * @param progressInterval how often a progress line is printed while something changes
 * @param logEvery every how many user records one is logged at INFO (all are logged at
 * DEBUG)
 * @param producer the producer's switch
 * @author The kpl-deagg maintainers
 */
@ConfigurationProperties("sample")
public record SampleProperties(String stream, int shards, int records, int partitionKeys, int rate, Duration timeout,
		boolean keepRunning, Duration progressInterval, int logEvery, Producer producer) {

	/** Whether the app exits by itself once the run is checked. */
	public boolean exitsAfterRun() {
		return this.producer.enabled() && !this.keepRunning;
	}

	/**
	 * The sample's settings, under {@code sample}.
	 *
	 * @param enabled off when a real KPL producer already feeds the stream: the app then
	 * only consumes
	 */
	public record Producer(boolean enabled) {
	}

}
