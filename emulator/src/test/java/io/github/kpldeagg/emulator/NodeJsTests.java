package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeJsTests {

	@TempDir
	Path temp;

	@Test
	void kinesisLocalWithoutNodeSaysWhatToInstall() throws IOException {
		NodeJs noNode = NodeJs.onPath(Files.createDirectory(this.temp.resolve("bin")).toString());

		assertThatThrownBy(() -> KinesisLocal.start(noNode, this.temp.resolve("cache")))
			.isInstanceOf(EmulatorUnavailableException.class)
			.hasMessage("kinesis-local 0.6.2 needs Node.js: `node` was not found on the PATH. Install Node.js 20+"
					+ " with npm (https://nodejs.org) or set spring.cloud.aws.endpoint to a running Kinesis.");
	}

	@Test
	void dynaliteWithoutNodeNamesTheDynamoDbEndpointProperty() {
		NodeJs noNode = NodeJs.onPath("");

		assertThatThrownBy(() -> Dynalite.start(noNode, this.temp.resolve("cache")))
			.isInstanceOf(EmulatorUnavailableException.class)
			.hasMessageContaining("dynalite 4.0.0 needs Node.js: `node` was not found")
			.hasMessageEndingWith("set spring.cloud.aws.dynamodb.endpoint to a running DynamoDB.");
	}

	@Test
	void installingWithoutNpmSaysWhatToInstall() throws IOException {
		Path bin = Files.createDirectory(this.temp.resolve("bin"));
		Files.createSymbolicLink(bin.resolve("node"), NodeJs.fromEnvironment().node(KinesisLocal.PACKAGE));

		assertThatThrownBy(() -> KinesisLocal.start(NodeJs.onPath(bin.toString()), this.temp.resolve("empty-cache")))
			.isInstanceOf(EmulatorUnavailableException.class)
			.hasMessageContaining("`npm` was not found on the PATH");
	}

	@Test
	void findsCommandsInAnyDirectoryOfThePath() throws IOException {
		Path first = Files.createDirectory(this.temp.resolve("first"));
		Path second = Files.createDirectory(this.temp.resolve("second"));
		Path node = Files.createFile(second.resolve("node"));
		node.toFile().setExecutable(true);
		Files.createFile(first.resolve("npm")); // not executable: skipped

		NodeJs nodeJs = NodeJs.onPath(first + java.io.File.pathSeparator + second);

		assertThat(nodeJs.node(KinesisLocal.PACKAGE)).isEqualTo(node);
		assertThatThrownBy(() -> nodeJs.npm(KinesisLocal.PACKAGE)).isInstanceOf(EmulatorUnavailableException.class);
	}

}
