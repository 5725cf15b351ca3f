package io.github.kpldeagg.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The standard handler, started and called as the Lambda Java runtime does. Public for
 * the Lambda sample's tests and local run, which take this module's test jar.
 */
public final class Lambda {

	private static final Map<String, FunctionInvoker> STARTED = new ConcurrentHashMap<>();

	private Lambda() {
	}

	/**
	 * The handler of an application (its {@code MAIN_CLASS}) with the given properties,
	 * such as the function definition; started once per application and properties, as a
	 * Lambda execution environment starts it once for many invocations.
	 */
	public static FunctionInvoker handler(Class<?> application, String... properties) {
		return STARTED.computeIfAbsent(application.getName() + String.join(",", properties),
				(key) -> start(application, properties));
	}

	private static synchronized FunctionInvoker start(Class<?> application, String... properties) {
		System.setProperty("MAIN_CLASS", application.getName());
		for (String property : properties) {
			String[] nameAndValue = property.split("=", 2);
			System.setProperty(nameAndValue[0], nameAndValue[1]);
		}
		try {
			return new FunctionInvoker();
		}
		finally {
			System.clearProperty("MAIN_CLASS");
			for (String property : properties) {
				System.clearProperty(property.split("=", 2)[0]);
			}
		}
	}

	/** What the handler writes to the runtime's output stream for this event. */
	public static String invoke(FunctionInvoker handler, byte[] event) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
		return out.toString(StandardCharsets.UTF_8);
	}

	public static String invoke(FunctionInvoker handler, String event) throws IOException {
		return invoke(handler, event.getBytes(StandardCharsets.UTF_8));
	}

	private static final class TestContext implements Context {

		@Override
		public String getAwsRequestId() {
			return "6bc28136-xmpl-4365-b021-0ce6b2e64ab0";
		}

		@Override
		public String getLogGroupName() {
			return "/aws/lambda/orders";
		}

		@Override
		public String getLogStreamName() {
			return "2026/11/25/[$LATEST]abcdef";
		}

		@Override
		public String getFunctionName() {
			return "orders";
		}

		@Override
		public String getFunctionVersion() {
			return "$LATEST";
		}

		@Override
		public String getInvokedFunctionArn() {
			return "arn:aws:lambda:eu-west-1:123456789012:function:orders";
		}

		@Override
		public CognitoIdentity getIdentity() {
			return null;
		}

		@Override
		public ClientContext getClientContext() {
			return null;
		}

		@Override
		public int getRemainingTimeInMillis() {
			return 60_000;
		}

		@Override
		public int getMemoryLimitInMB() {
			return 512;
		}

		@Override
		public LambdaLogger getLogger() {
			return new LambdaLogger() {
				@Override
				public void log(String message) {
					System.out.print(message);
				}

				@Override
				public void log(byte[] message) {
					System.out.print(new String(message, StandardCharsets.UTF_8));
				}
			};
		}

	}

}
