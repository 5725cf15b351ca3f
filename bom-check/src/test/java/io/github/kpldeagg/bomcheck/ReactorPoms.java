package io.github.kpldeagg.bomcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The reactor's poms as written, read from the root's {@code <modules>} down: enough of
 * each to tell whether it is published (the root's {@code kpl-deagg.unpublished}
 * property, or {@code maven.deploy.skip} in a module without that parent).
 */
final class ReactorPoms {

	private final Map<String, Pom> byArtifactId = new LinkedHashMap<>();

	private ReactorPoms() {
	}

	static ReactorPoms read(Path root) throws Exception {
		ReactorPoms poms = new ReactorPoms();
		poms.add(root);
		return poms;
	}

	private void add(Path directory) throws Exception {
		Pom pom = Pom.read(directory.resolve("pom.xml"));
		this.byArtifactId.put(pom.artifactId(), pom);
		for (String module : pom.texts("/project/modules/module")) {
			add(directory.resolve(module).normalize());
		}
	}

	List<Pom> all() {
		return new ArrayList<>(this.byArtifactId.values());
	}

	Pom get(String artifactId) {
		Pom pom = this.byArtifactId.get(artifactId);
		if (pom == null) {
			throw new IllegalArgumentException("No module " + artifactId + " in the reactor");
		}
		return pom;
	}

	/**
	 * Whether the module is deployed: the property it sets or, failing that, what its
	 * reactor parent says.
	 */
	boolean published(Pom pom) {
		String unpublished = pom.property("kpl-deagg.unpublished");
		if (unpublished != null) {
			return !Boolean.parseBoolean(unpublished);
		}
		String deploySkip = pom.property("maven.deploy.skip");
		if (deploySkip != null && !deploySkip.startsWith("${")) {
			return !Boolean.parseBoolean(deploySkip);
		}
		String parent = pom.text("/project/parent/artifactId");
		return parent == null || !this.byArtifactId.containsKey(parent) || published(get(parent));
	}

	/**
	 * One pom.xml, parsed without Maven: what it says itself, nothing inherited.
	 */
	record Pom(Path file, Document document) {

		static Pom read(Path file) throws IOException, ParserConfigurationException, SAXException {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			try (var in = Files.newInputStream(file)) {
				return new Pom(file, factory.newDocumentBuilder().parse(in));
			}
		}

		String artifactId() {
			return text("/project/artifactId");
		}

		String packaging() {
			String packaging = text("/project/packaging");
			return (packaging != null) ? packaging : "jar";
		}

		String property(String name) {
			return text("/project/properties/" + name);
		}

		String text(String xpath) {
			List<String> texts = texts(xpath);
			return texts.isEmpty() ? null : texts.get(0);
		}

		List<String> texts(String xpath) {
			List<String> texts = new ArrayList<>();
			for (Node node : nodes(xpath)) {
				texts.add(node.getTextContent().trim());
			}
			return texts;
		}

		List<Node> nodes(String xpath) {
			try {
				NodeList list = (NodeList) XPathFactory.newInstance()
					.newXPath()
					.evaluate(xpath, this.document, XPathConstants.NODESET);
				List<Node> nodes = new ArrayList<>();
				for (int i = 0; i < list.getLength(); i++) {
					nodes.add(list.item(i));
				}
				return nodes;
			}
			catch (XPathExpressionException ex) {
				throw new IllegalArgumentException(xpath, ex);
			}
		}

	}

}
