package io.slipway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.LauncherConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LauncherOptionTest {

    enum Restart {
        NO, ON_FAILURE, UNLESS_STOPPED
    }

    @Test
    void factoriesDeclareTypeDefaultChoicesAndSecrecy() {
        LauncherOption<String> s = LauncherOption.string("binary", "docker", "the binary");
        assertEquals(String.class, s.type());
        assertEquals("docker", s.defaultValue());
        assertEquals(List.of(), s.choices());
        assertFalse(s.secret());

        LauncherOption<String> secret = LauncherOption.secret("password", "pw");
        assertTrue(secret.secret());
        assertNull(secret.defaultValue());

        LauncherOption<Boolean> b = LauncherOption.bool("tls", true, "tls");
        assertEquals(List.of("true", "false"), b.choices());
        assertEquals(Boolean.TRUE, b.defaultValue());

        LauncherOption<Integer> i = LauncherOption.integer("n", null, "n");
        assertEquals(Integer.class, i.type());
        assertNull(i.defaultText());

        LauncherOption<Restart> c = LauncherOption.choice("restart", Restart.class, Restart.ON_FAILURE, "restart policy");
        assertEquals(List.of("no", "on-failure", "unless-stopped"), c.choices());
        assertEquals("on-failure", c.defaultText());
        assertEquals("LauncherOption[restart: Restart = on-failure]", c.toString());
        assertEquals("LauncherOption[password: String]", secret.toString());

        LauncherOption<Duration> d = LauncherOption.duration("timeout", Duration.ofSeconds(5), "t");
        assertEquals("5s", d.defaultText());
    }

    @Test
    void parsing() {
        assertEquals(Restart.UNLESS_STOPPED, LauncherOption.choice("r", Restart.class, null, "r").parse("unless-stopped"));
        assertEquals(Boolean.FALSE, LauncherOption.bool("b", true, "b").parse("FALSE"));
        assertEquals(Integer.valueOf(12), LauncherOption.integer("n", 1, "n").parse(" 12 "));
        assertEquals(Duration.ofMillis(1500), LauncherOption.duration("d", null, "d").parse("1.5s"));
        assertEquals("a b", LauncherOption.string("s", null, "s").parse("a b"));
    }

    @Test
    void badValuesNameOptionValueAndChoices() {
        LauncherConfigException e = assertThrows(LauncherConfigException.class,
                () -> LauncherOption.choice("restart", Restart.class, null, "r").parse("on_failure"));
        assertEquals("bad value 'on_failure' for option 'restart': is not one of the valid values; valid values: no, "
                + "on-failure, unless-stopped", e.getMessage());
        LauncherConfigException i = assertThrows(LauncherConfigException.class,
                () -> LauncherOption.integer("n", 1, "n").parse("9999999999"));
        assertEquals("bad value '9999999999' for option 'n': must be an integer", i.getMessage());
        LauncherConfigException b = assertThrows(LauncherConfigException.class,
                () -> LauncherOption.bool("tls", true, "t").parse("1"));
        assertEquals("bad value '1' for option 'tls': must be true or false; valid values: true, false", b.getMessage());
    }

    @Test
    void spell() {
        assertEquals("on-failure", LauncherOption.spell(Restart.ON_FAILURE));
        assertEquals("no", LauncherOption.spell(Restart.NO));
    }

    @Test
    void requiredParts() {
        assertThrows(NullPointerException.class,
                () -> new LauncherOption<>(null, String.class, null, "d", List.of(), false, s -> s));
        assertThrows(NullPointerException.class,
                () -> new LauncherOption<>("k", String.class, null, null, List.of(), false, s -> s));
        assertThrows(NullPointerException.class,
                () -> new LauncherOption<String>("k", String.class, null, "d", List.of(), false, null));
    }

    @Test
    void configGetFallsBackToDefaultsAndMasksSecrets() {
        LauncherOption<String> pw = LauncherOption.secret("password", "pw");
        LauncherOption<Restart> r = LauncherOption.choice("restart", Restart.class, Restart.NO, "r");
        LauncherOption<Integer> n = LauncherOption.integer("n", 4, "n");
        Map<LauncherOption<?>, Object> values = new LinkedHashMap<>();
        values.put(r, Restart.UNLESS_STOPPED);
        values.put(pw, "top-secret");
        LauncherConfig c = new LauncherConfig("x", null, values);
        values.clear();
        assertEquals(Restart.UNLESS_STOPPED, c.get(r));
        assertEquals("top-secret", c.get(pw));
        assertEquals(Integer.valueOf(4), c.get(n));
        assertTrue(c.isSet(pw));
        assertFalse(c.isSet(n));
        assertEquals(Optional.empty(), c.target());
        assertEquals("x?restart=unless-stopped&password=******", c.toString());
        assertEquals("x:t", new LauncherConfig("x", "t", Map.of()).toString());
    }
}
