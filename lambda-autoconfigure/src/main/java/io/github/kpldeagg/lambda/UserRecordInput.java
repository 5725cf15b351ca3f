package io.github.kpldeagg.lambda;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.kpldeagg.core.KinesisEventUserRecord;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * What a consumer of user records takes, bare or in a {@link Message}: it decides each
 * call's payload.
 *
 * @author The kpl-deagg maintainers
 */
enum UserRecordInput {

	USER_RECORD, BYTES, TEXT,
	/**
	 * An application type, read by Spring Cloud Function's JSON conversion from the user
	 * record's data.
	 */
	JSON;

	/** Types that a function of the whole event takes as without the starter. */
	private static final List<String> FRAMEWORK_PACKAGES = List.of("java.", "javax.", "jakarta.", "kotlin.",
			"com.amazonaws.", "software.amazon.", "org.springframework.", "tools.jackson.", "com.fasterxml.",
			"com.google.gson.", "reactor.", "org.reactivestreams.");

	/**
	 * How the function takes user records, or null when it is no consumer of user
	 * records.
	 * @param function the function
	 * @return how the function takes user records, or null when it is no consumer of user
	 * records
	 */
	static @Nullable UserRecordInput of(FunctionInvocationWrapper function) {
		Type type = function.getInputType();
		if (!function.isConsumer() || type == null || function.isRoutingFunction() || function.isInputTypePublisher()) {
			return null;
		}
		if (FunctionTypeUtils.isMessage(type)) {
			type = FunctionTypeUtils.getImmediateGenericType(type, 0);
		}
		Class<?> raw = (type != null) ? FunctionTypeUtils.getRawType(type) : null;
		if (raw == null) {
			return null;
		}
		if (raw == UserRecord.class) {
			return USER_RECORD;
		}
		if (raw == byte[].class) {
			return BYTES;
		}
		if (raw == String.class) {
			return TEXT;
		}
		if (raw.isPrimitive() || raw.isArray() || FRAMEWORK_PACKAGES.stream().anyMatch(raw.getName()::startsWith)) {
			return null;
		}
		return JSON;
	}

	/**
	 * The message for one user record: the request's headers (such as the Lambda context)
	 * and its own, the {@link KplHeaders#of(UserRecord) user record's headers} that the
	 * binder's starters set too, and the stream and shard of the event record.
	 * @param eventUserRecord the event user record
	 * @param requestHeaders the request headers
	 * @return the message for one user record
	 */
	Message<?> message(KinesisEventUserRecord eventUserRecord, MessageHeaders requestHeaders) {
		UserRecord userRecord = eventUserRecord.userRecord();
		Object payload = switch (this) {
			case USER_RECORD -> userRecord;
			case TEXT -> new String(userRecord.bytes(), StandardCharsets.UTF_8);
			case BYTES, JSON -> userRecord.bytes();
		};
		MessageBuilder<Object> message = MessageBuilder.withPayload(payload)
			.copyHeaders(requestHeaders)
			.removeHeader(KplHeaders.EXPLICIT_HASH_KEY)
			.copyHeaders(KplHeaders.of(userRecord))
			.setHeader(KplHeaders.EVENT_SOURCE_ARN, eventUserRecord.eventSourceArn())
			.setHeader(KplHeaders.SHARD_ID, shardId(eventUserRecord.eventId()));
		if (this == JSON) {
			message.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON);
		}
		return message.build();
	}

	/**
	 * {@code shardId-000000000000} of the event ID {@code shardId-000000000000:4968...}.
	 * @param eventId the event id
	 * @return the shard, {@code shardId-000000000000} of the event ID
	 * {@code shardId-000000000000:4968...}
	 */
	private static @Nullable String shardId(@Nullable String eventId) {
		if (eventId == null) {
			return null;
		}
		int colon = eventId.indexOf(':');
		return (colon < 0) ? eventId : eventId.substring(0, colon);
	}

}
