package io.github.kpldeagg.sample;

/**
 * The JSON payload of every user record the sample writes: one temperature reading of a
 * device.
 *
 * @param run the run that wrote it, so that a stream shared with earlier runs can still
 * be checked
 * @param device the device, also the user record's partition key
 * @param seq the device's reading number in this run, from 0
 * @param celsius the temperature
 * @author The kpl-deagg maintainers
 */
public record Reading(String run, String device, long seq, double celsius) {
}
