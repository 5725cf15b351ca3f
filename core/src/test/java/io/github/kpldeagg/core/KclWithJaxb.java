package io.github.kpldeagg.core;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * KCL's {@code AggregatorUtil} in a class loader that also has {@code javax.xml.bind}, as
 * Java 8 had: there KCL's error path runs to its end instead of failing with
 * {@code NoClassDefFoundError}.
 */
final class KclWithJaxb {

	private KclWithJaxb() {
	}

	/** The partition keys of what KCL returns for one record with partition key "a". */
	static List<String> deaggregateToPartitionKeys(byte[] data) throws Exception {
		String jaxbApiJar = System.getProperty("kpldeagg.jaxbApiJar");
		if (jaxbApiJar == null || !new File(jaxbApiJar).isFile()) {
			throw new IllegalStateException(
					"Run through Maven: -Dkpldeagg.jaxbApiJar must name the jaxb-api jar, was " + jaxbApiJar);
		}
		List<URL> classPath = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			classPath.add(new File(entry).toURI().toURL());
		}
		classPath.add(new File(jaxbApiJar).toURI().toURL());
		try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new),
				ClassLoader.getPlatformClassLoader())) {
			Class<?> recordClass = loader.loadClass("software.amazon.kinesis.retrieval.KinesisClientRecord");
			Object builder = recordClass.getMethod("builder").invoke(null);
			Class<?> builderClass = builder.getClass();
			builderClass.getMethod("data", ByteBuffer.class).invoke(builder, ByteBuffer.wrap(data));
			builderClass.getMethod("partitionKey", String.class).invoke(builder, "a");
			builderClass.getMethod("sequenceNumber", String.class).invoke(builder, "1");
			Object record = builderClass.getMethod("build").invoke(builder);
			Class<?> utilClass = loader.loadClass("software.amazon.kinesis.retrieval.AggregatorUtil");
			Object util = utilClass.getConstructor().newInstance();
			List<?> result = (List<?>) utilClass.getMethod("deaggregate", List.class).invoke(util, List.of(record));
			Method partitionKey = recordClass.getMethod("partitionKey");
			List<String> partitionKeys = new ArrayList<>();
			for (Object userRecord : result) {
				partitionKeys.add((String) partitionKey.invoke(userRecord));
			}
			return partitionKeys;
		}
	}

}
