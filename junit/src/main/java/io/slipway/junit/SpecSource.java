package io.slipway.junit;

import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a declared spec: a file, else a class-path resource of the test class ({@code classpath:} asks for one). */
final class SpecSource {

    static final String CLASSPATH = "classpath:";

    private SpecSource() {
    }

    static LaunchSpec load(String spec, Class<?> testClass) {
        boolean resourceOnly = spec.startsWith(CLASSPATH);
        String path = resourceOnly ? spec.substring(CLASSPATH.length()) : spec;
        if (!resourceOnly) {
            Path file = Path.of(path);
            if (Files.isRegularFile(file)) {
                return LaunchSpec.parse(file);
            }
        }
        String resource = path.startsWith("/") ? path.substring(1) : path;
        ClassLoader loader = testClass.getClassLoader() != null ? testClass.getClassLoader()
                : ClassLoader.getSystemClassLoader();
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new SpecException("", "no spec '" + spec + "': " + (resourceOnly ? "" : "no file "
                    + Path.of(path).toAbsolutePath() + ", and ") + "no class-path resource '" + resource + "' for "
                    + testClass.getName());
        }
        if ("file".equals(url.getProtocol())) {
            try {
                // A file keeps its directory: the spec's relative paths (env_file, build contexts) resolve beside it.
                return LaunchSpec.parse(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                // fall through: read it as a stream
            }
        }
        try (InputStream in = url.openStream()) {
            return LaunchSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(""),
                    CLASSPATH + resource);
        } catch (IOException e) {
            throw new SpecException("", "cannot read spec " + url + ": " + e.getMessage(), e);
        }
    }
}
