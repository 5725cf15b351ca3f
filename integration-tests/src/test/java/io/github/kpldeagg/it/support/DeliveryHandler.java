package io.github.kpldeagg.it.support;

/**
 * What a test's consumer function does with each user record; an exception fails the
 * record.
 */
@FunctionalInterface
public interface DeliveryHandler {

	void handle(Delivery delivery);

}
