package io.github.kpldeagg.bomcheck;

import java.nio.file.Path;
import java.util.List;

import io.github.kpldeagg.bomcheck.ReactorPoms.Pom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kpl-deagg-dependencies names every published jar of the reactor and nothing else, and
 * every published pom carries what Maven Central asks for. A new module fails here until
 * it is either in the BOM or sets {@code kpl-deagg.unpublished}.
 */
class BomContentTest {

	private static final Path ROOT = Path.of(System.getProperty("kpldeagg.root"));

	private static ReactorPoms reactor;

	private static Pom root;

	private static Pom bom;

	@BeforeAll
	static void readReactor() throws Exception {
		reactor = ReactorPoms.read(ROOT);
		root = reactor.get("kpl-deagg-parent");
		bom = reactor.get("kpl-deagg-dependencies");
	}

	@Test
	void bomManagesEveryPublishedJarAndNothingElse() {
		List<String> publishedJars = reactor.all()
			.stream()
			.filter(reactor::published)
			.filter((pom) -> pom.packaging().equals("jar"))
			.map(Pom::artifactId)
			.toList();
		assertThat(publishedJars).as("published jar modules")
			.contains("kpl-deagg-core", "kpl-deagg-spring-boot-starter", "kpl-deagg-spring-boot3-starter",
					"kpl-deagg-lambda-spring-boot-starter");
		assertThat(bom.texts("/project/dependencyManagement/dependencies/dependency/artifactId"))
			.as("kpl-deagg-dependencies' entries against the reactor's published jar modules")
			.containsExactlyInAnyOrderElementsOf(publishedJars);
		assertThat(bom.texts("/project/dependencyManagement/dependencies/dependency/groupId"))
			.containsOnly("io.github.kpldeagg");
		assertThat(bom.texts("/project/dependencyManagement/dependencies/dependency/version"))
			.containsOnly("${project.version}");
	}

	@Test
	void bomImportsNothingAndInheritsNothing() {
		assertThat(bom.nodes("/project/parent")).as("parent").isEmpty();
		assertThat(bom.nodes("/project/dependencyManagement/dependencies/dependency/scope")).as("imports").isEmpty();
		assertThat(bom.nodes("/project/dependencies")).isEmpty();
		assertThat(bom.nodes("/project/properties")).isEmpty();
		assertThat(bom.texts("/project/build/*/*/artifactId")).as("build plugins")
			.containsOnly("spring-javaformat-maven-plugin");
		assertThat(bom.text("/project/build/plugins/plugin/version")).as("spring-javaformat's version")
			.isEqualTo(root.property("spring-javaformat.version"));
		assertThat(bom.text("/project/packaging")).isEqualTo("pom");
	}

	@Test
	void versionsAreTheReactors() {
		String version = root.text("/project/version");
		assertThat(bom.text("/project/version")).as("kpl-deagg-dependencies' version").isEqualTo(version);
		assertThat(System.getProperty("kpldeagg.version")).as("bom-check's kpl-deagg.version").isEqualTo(version);
		Pom bomCheck = reactor.get("kpl-deagg-bom-check");
		assertThat(bomCheck.text("/project/version")).isEqualTo(version);
		for (String property : List.of("spring-boot.version", "spring-cloud.version", "spring-cloud-aws.version")) {
			assertThat(bomCheck.property(property)).as("bom-check's " + property).isEqualTo(root.property(property));
		}
	}

	@Test
	void publishedPomsCarryCentralsMetadata() {
		for (Pom pom : List.of(root, bom)) {
			assertThat(pom.text("/project/url")).as(pom.file() + " url").startsWith("https://github.com/");
			assertThat(pom.texts("/project/licenses/license/name")).as(pom.file() + " licence")
				.containsExactly("Apache License, Version 2.0");
			assertThat(pom.nodes("/project/developers/developer")).as(pom.file() + " developers").isNotEmpty();
			assertThat(pom.text("/project/scm/url")).as(pom.file() + " scm").isEqualTo(pom.text("/project/url"));
			assertThat(pom.text("/project/scm/connection")).as(pom.file() + " scm connection").startsWith("scm:git:");
		}
		assertThat(root.document().getDocumentElement().getAttribute("child.project.url.inherit.append.path"))
			.as("modules' url is the project's, without /artifactId")
			.isEqualTo("false");
		for (Pom pom : reactor.all().stream().filter(reactor::published).toList()) {
			assertThat(pom.text("/project/name")).as(pom.file() + " name").isNotBlank();
			assertThat(pom.text("/project/description")).as(pom.file() + " description").isNotBlank();
		}
	}

}
