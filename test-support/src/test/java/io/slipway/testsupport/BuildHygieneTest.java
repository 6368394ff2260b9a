package io.slipway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Rules of the build that no compiler checks: the BOM lists every published artifact, and no backend drags
 * another backend in. Read from the reactor's pom files, so a new module is checked the day it is added.
 */
class BuildHygieneTest {

    /** One reactor module: its artifactId, whether it is published, and its non-test dependencies on Slipway. */
    private record Module(String artifactId, String packaging, boolean published, List<String> slipwayDeps, Path dir) {}

    private static final Map<String, Module> MODULES = new LinkedHashMap<>();
    private static Path root;

    @BeforeAll
    static void readReactor() throws Exception {
        root = Path.of("..").toAbsolutePath().normalize();
        readModule(root, false);
    }

    private static void readModule(Path dir, boolean parentSkipsDeploy) throws Exception {
        Element project = read(dir.resolve("pom.xml"));
        String artifactId = text(project, "artifactId");
        String packaging = text(project, "packaging");
        boolean skipsDeploy = parentSkipsDeploy || "true".equals(property(project, "maven.deploy.skip"));
        List<String> deps = new ArrayList<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies != null) {
            for (Element d : children(dependencies, "dependency")) {
                if ("io.slipway".equals(text(d, "groupId")) && !"test".equals(text(d, "scope"))) {
                    deps.add(text(d, "artifactId"));
                }
            }
        }
        MODULES.put(artifactId, new Module(artifactId, packaging == null ? "jar" : packaging, !skipsDeploy, deps, dir));
        Element modules = child(project, "modules");
        if (modules != null) {
            for (Element m : children(modules, "module")) {
                readModule(dir.resolve(m.getTextContent().trim()), skipsDeploy);
            }
        }
    }

    @Test
    void theBomListsEveryPublishedArtifactAtTheReactorsVersion() throws Exception {
        Element parent = read(root.resolve("pom.xml"));
        Element bom = read(root.resolve("bom/pom.xml"));
        assertEquals(text(parent, "version"), text(bom, "version"), "bom/pom.xml's version follows the reactor's");
        assertTrue(child(bom, "parent") == null, "the BOM has no parent: importing it must bring only Slipway's versions");

        Set<String> listed = new TreeSet<>();
        for (Element d : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            assertEquals("${project.version}", text(d, "version"), text(d, "artifactId"));
            listed.add(text(d, "artifactId"));
        }
        Set<String> published = new TreeSet<>();
        MODULES.values().stream()
                .filter(m -> m.published() && !"pom".equals(m.packaging()))
                .forEach(m -> published.add(m.artifactId()));
        assertEquals(published, listed, "bom/pom.xml lists exactly the published jar modules");
    }

    @Test
    void everyPublishedJarIsANamedModule() {
        Set<String> missing = new TreeSet<>();
        MODULES.values().stream()
                .filter(m -> m.published() && !"pom".equals(m.packaging()))
                .filter(m -> !Files.isRegularFile(m.dir().resolve("src/main/java/module-info.java")))
                .forEach(m -> missing.add(m.artifactId()));
        assertEquals(Set.of(), missing, "published jars without src/main/java/module-info.java");
    }

    @Test
    void noBackendDependsOnAnotherBackend() {
        Set<String> backends = Set.of("slipway-docker-run", "slipway-compose", "slipway-atomic");
        for (String backend : backends) {
            Set<String> reached = reachable(backend);
            reached.retainAll(backends);
            assertEquals(Set.of(), reached, backend + " reaches another backend through its dependencies");
        }
    }

    @Test
    void coreKnowsNothingOfDocker() {
        assertEquals(List.of(), MODULES.get("slipway-core").slipwayDeps(), "slipway-core depends on no Slipway module");
    }

    private static Set<String> reachable(String from) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(MODULES.get(from).slipwayDeps());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next) && MODULES.containsKey(next)) {
                todo.addAll(MODULES.get(next).slipwayDeps());
            }
        }
        return seen;
    }

    private static Element read(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom + " exists");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return doc.getDocumentElement();
    }

    private static String property(Element project, String name) {
        Element props = child(project, "properties");
        return props == null ? null : text(props, name);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
