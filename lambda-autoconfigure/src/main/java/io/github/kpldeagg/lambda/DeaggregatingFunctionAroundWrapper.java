package io.github.kpldeagg.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.kpldeagg.core.KinesisEventProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sees every call of a function, as Spring Cloud Function's {@code FunctionInvoker} makes
 * it for a Lambda event; when a consumer of user records gets a Kinesis event, calls it
 * once per user record and answers with the partial batch response. Everything else goes
 * on as without it.
 * <p>
 * Spring Cloud Function holds one such wrapper; the other one there would have been (its
 * function observation, or the application's own) is called around each call this one
 * makes. That wrapper resets the function's "already wrapped" flag when it returns, so
 * the next call comes back through this one first: {@link #dispatching} recognises it and
 * lets it through.
 *
 * @author The kpl-deagg maintainers
 */
class DeaggregatingFunctionAroundWrapper extends FunctionAroundWrapper {

	private static final Log logger = LogFactory.getLog(DeaggregatingFunctionAroundWrapper.class);

	private final KinesisEventProcessor processor;

	private final JsonMapper jsonMapper;

	private final ObjectProvider<FunctionAroundWrapper> wrappers;

	/**
	 * The user-record message being handed to the next wrapper, so that it is let through
	 * when it comes back.
	 */
	private final ThreadLocal<Message<?>> dispatching = new ThreadLocal<>();

	private volatile @Nullable FunctionAroundWrapper next;

	private volatile boolean nextLookedUp;

	DeaggregatingFunctionAroundWrapper(KinesisEventProcessor processor, JsonMapper jsonMapper,
			ObjectProvider<FunctionAroundWrapper> wrappers) {
		this.processor = processor.onFailure((eventRecord, cause) -> logger.warn("Reporting Kinesis record "
				+ eventRecord.getEventID() + " as a batch item failure; Lambda retries from it", cause));
		this.jsonMapper = jsonMapper;
		this.wrappers = wrappers;
	}

	@Override
	protected Object doApply(Object input, FunctionInvocationWrapper function) {
		Message<?> request = (Message<?>) input;
		if (this.dispatching.get() == request) {
			return function.apply(request);
		}
		UserRecordInput userRecordInput = UserRecordInput.of(function);
		if (userRecordInput == null || !(json(request.getPayload()) instanceof Map<?, ?> eventJson)
				|| !KinesisEventJson.isKinesisEvent(eventJson)) {
			return callThroughNext(request, function);
		}
		KinesisEvent event = KinesisEventJson.read(eventJson);
		StreamsEventResponse response = this.processor.process(event,
				(userRecord) -> callThroughNext(userRecordInput.message(userRecord, request.getHeaders()), function));
		return MessageBuilder.withPayload(this.jsonMapper.toJson(asJson(response))).build();
	}

	private Object callThroughNext(Message<?> message, FunctionInvocationWrapper function) {
		FunctionAroundWrapper wrapper = next();
		if (wrapper == null) {
			return function.apply(message);
		}
		this.dispatching.set(message);
		try {
			return wrapper.apply(message, function);
		}
		finally {
			this.dispatching.remove();
		}
	}

	/**
	 * The application's other wrapper, looked up on first use: it may be created after
	 * this one.
	 * @return the application's other wrapper, looked up on first use
	 */
	private @Nullable FunctionAroundWrapper next() {
		if (!this.nextLookedUp) {
			this.next = this.wrappers.orderedStream().filter((candidate) -> candidate != this).findFirst().orElse(null);
			this.nextLookedUp = true;
		}
		return this.next;
	}

	/**
	 * The event as FunctionInvoker passes it (JSON bytes), parsed; null when it is no
	 * JSON object.
	 * @param payload the payload
	 * @return the event as FunctionInvoker passes it (JSON bytes), parsed
	 */
	private @Nullable Object json(Object payload) {
		if (!(payload instanceof byte[]) && !(payload instanceof String)) {
			return null;
		}
		try {
			return this.jsonMapper.fromJson(payload, Object.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}, the shape Lambda reads.
	 * @param response the response
	 * @return the response as {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}},
	 * the shape Lambda reads
	 */
	private static Map<String, Object> asJson(StreamsEventResponse response) {
		List<Map<String, String>> failures = new ArrayList<>();
		for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
			failures.add(Map.of("itemIdentifier", failure.getItemIdentifier()));
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("batchItemFailures", failures);
		return json;
	}

}
