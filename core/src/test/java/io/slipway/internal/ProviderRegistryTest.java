package io.slipway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.ContainerLauncher;
import io.slipway.LauncherConfigException;
import io.slipway.spi.LauncherConfig;
import io.slipway.spi.LauncherProvider;
import io.slipway.testproviders.BareProvider;
import io.slipway.testproviders.FullOptionsProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProviderRegistryTest {

    /** A minimal provider; subclasses differ only in class name, name, aliases and SPI version. */
    abstract static class StubProvider implements LauncherProvider {
        private final String name;
        private final List<String> aliases;

        StubProvider(String name, String... aliases) {
            this.name = name;
            this.aliases = List.of(aliases);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> aliases() {
            return aliases;
        }

        @Override
        public String description() {
            return "stub " + name;
        }

        @Override
        public ContainerLauncher create(LauncherConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Alpha extends StubProvider {
        Alpha() {
            super("alpha", "a", "first");
        }
    }

    static final class Beta extends StubProvider {
        Beta() {
            super("beta");
        }
    }

    /** Claims "alpha" too. */
    static final class AlphaImpostor extends StubProvider {
        AlphaImpostor() {
            super("alpha");
        }
    }

    /** Claims "beta" through an alias. */
    static final class BetaByAlias extends StubProvider {
        BetaByAlias() {
            super("gamma", "beta");
        }
    }

    static final class FutureProvider extends StubProvider {
        FutureProvider() {
            super("future");
        }

        @Override
        public int spiVersion() {
            return LauncherProvider.SPI_VERSION + 1;
        }
    }

    private static void assertContains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "expected '" + f + "' in: " + message);
        }
    }

    @Test
    void findsByNameAndByEveryAlias() {
        Alpha alpha = new Alpha();
        Beta beta = new Beta();
        ProviderRegistry r = new ProviderRegistry(List.of(alpha, beta));
        assertSame(alpha, r.find("alpha"));
        assertSame(alpha, r.find("a"));
        assertSame(alpha, r.find("first"));
        assertSame(beta, r.find("beta"));
        assertEquals(List.of(alpha, beta), r.providers());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void findIsCaseSensitive() {
        ProviderRegistry r = new ProviderRegistry(List.of(new Alpha()));
        assertThrows(LauncherConfigException.class, () -> r.find("Alpha"));
    }

    @Test
    void providersAndProblemsAreUnmodifiable() {
        ProviderRegistry r = new ProviderRegistry(List.of(new Alpha()));
        assertThrows(UnsupportedOperationException.class, () -> r.providers().clear());
        assertThrows(UnsupportedOperationException.class, () -> r.problems().add("x"));
    }

    @Test
    void unknownNameListsInstalledNamesAndAliasesSorted() {
        ProviderRegistry r = new ProviderRegistry(List.of(new Beta(), new Alpha()));
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> r.find("kubernetes"));
        assertContains(e.getMessage(), "no launcher backend named 'kubernetes'", "available: a, alpha, beta, first");
        assertFalse(e.getMessage().contains("failed to load"), e.getMessage());
    }

    @Test
    void unknownNameWithNoProvidersSaysHowToAddOne() {
        ProviderRegistry r = new ProviderRegistry(List.of());
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> r.find("docker-run"));
        assertContains(e.getMessage(), "no launcher backend named 'docker-run'", "available: none",
                "slipway-docker-run");
        assertEquals(List.of(), r.providers());
    }

    @Test
    void twoProvidersWithOneNameIsAnErrorNamingBothClasses() {
        Alpha alpha = new Alpha();
        AlphaImpostor impostor = new AlphaImpostor();
        ProviderRegistry r = new ProviderRegistry(List.of(alpha, impostor, new Beta()));
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> r.find("alpha"));
        assertContains(e.getMessage(), "launcher name 'alpha' is claimed by 2 providers", Alpha.class.getName() + " (from ",
                AlphaImpostor.class.getName() + " (from ", "remove all but one");
        // the location is the test classes directory, not "unknown location"
        assertFalse(e.getMessage().contains("unknown location"), e.getMessage());
        // the alias only Alpha claims still works, as does an unrelated name
        assertSame(alpha, r.find("a"));
        assertEquals("beta", r.find("beta").name());
        // both are still listed as providers
        assertEquals(3, r.providers().size());
    }

    @Test
    void anAliasClashingWithANameIsAnErrorToo() {
        ProviderRegistry r = new ProviderRegistry(List.of(new Beta(), new BetaByAlias()));
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> r.find("beta"));
        assertContains(e.getMessage(), "'beta' is claimed by 2 providers", Beta.class.getName(),
                BetaByAlias.class.getName());
        assertEquals("gamma", r.find("gamma").name());
    }

    @Test
    void providerOfAnotherSpiVersionIsSkippedAndReported() {
        ProviderRegistry r = new ProviderRegistry(List.of(new Alpha(), new FutureProvider()));
        assertEquals(List.of("alpha"), r.providers().stream().map(LauncherProvider::name).collect(Collectors.toList()));
        assertEquals(1, r.problems().size());
        assertContains(r.problems().get(0), FutureProvider.class.getName(),
                "implements SPI version " + (LauncherProvider.SPI_VERSION + 1),
                "this core speaks " + LauncherProvider.SPI_VERSION);
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> r.find("future"));
        assertContains(e.getMessage(), "no launcher backend named 'future'", "available: a, alpha, first",
                "providers that failed to load: ", FutureProvider.class.getName());
    }

    /** An iterator over suppliers; a supplier may throw, as ServiceLoader's iterator does for a broken provider. */
    private static Iterable<LauncherProvider> iterable(List<Supplier<LauncherProvider>> elements) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < elements.size();
            }

            @Override
            public LauncherProvider next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return elements.get(next++).get();
            }
        };
    }

    @Test
    void serviceConfigurationErrorForOneElementIsToleratedAndReported() {
        Alpha alpha = new Alpha();
        Beta beta = new Beta();
        ProviderRegistry r = new ProviderRegistry(iterable(List.of(
                () -> alpha,
                () -> {
                    throw new ServiceConfigurationError("io.slipway.spi.LauncherProvider: Provider com.acme.Broken not found");
                },
                () -> beta)));
        assertEquals(List.of(alpha, beta), r.providers());
        assertEquals(List.of("a launcher provider failed to load: io.slipway.spi.LauncherProvider: Provider com.acme.Broken not found"),
                r.problems());
        assertSame(beta, r.find("beta"));
        LauncherConfigException e = assertThrows(LauncherConfigException.class, () -> r.find("broken"));
        assertContains(e.getMessage(), "com.acme.Broken not found");
    }

    @Test
    void errorInHasNextIsToleratedToo() {
        Alpha alpha = new Alpha();
        Iterable<LauncherProvider> it = () -> new Iterator<>() {
            private int calls;

            @Override
            public boolean hasNext() {
                calls++;
                if (calls == 1) {
                    throw new ServiceConfigurationError("bad services file line 3");
                }
                return calls == 2;
            }

            @Override
            public LauncherProvider next() {
                return alpha;
            }
        };
        ProviderRegistry r = new ProviderRegistry(it);
        assertEquals(List.of(alpha), r.providers());
        assertEquals(List.of("a launcher provider failed to load: bad services file line 3"), r.problems());
    }

    @Test
    @Timeout(20)
    void realServiceLoaderWithMissingClassAndThrowingConstructor(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services/" + LauncherProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "io.slipway.testproviders.DoesNotExist\n"
                + "io.slipway.testproviders.FailingConstructorProvider\n", StandardCharsets.UTF_8);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ProviderRegistryTest.class.getClassLoader())) {
            ProviderRegistry r = new ProviderRegistry(ServiceLoader.load(LauncherProvider.class, loader));
            // the test services file of the parent loader still contributes both good providers
            assertEquals(List.of(BareProvider.NAME, FullOptionsProvider.NAME),
                    r.providers().stream().map(LauncherProvider::name).sorted().collect(Collectors.toList()));
            assertEquals(2, r.problems().size(), r.problems().toString());
            String all = String.join("\n", r.problems());
            assertContains(all, "io.slipway.testproviders.DoesNotExist", "io.slipway.testproviders.FailingConstructorProvider");
            assertTrue(r.problems().stream().allMatch(p -> p.startsWith("a launcher provider failed to load: ")),
                    r.problems().toString());
            assertEquals(FullOptionsProvider.NAME, r.find(FullOptionsProvider.ALIAS).name());
        }
    }
}
