package io.slipway.properties;

import io.slipway.ContainerLauncher;
import io.slipway.Launchers;
import io.slipway.internal.ConfigString;
import io.slipway.testproviders.RecordingLauncher;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Properties of the config-string parser ({@link ConfigString} and {@link Launchers#open}, with the test backends
 * {@code test-full} and {@code test-bare}): any string opens a launcher or fails with a
 * {@link io.slipway.LauncherConfigException}, and neither the message nor the config's {@code toString()} shows a
 * password, given as the secret option or in the target's userinfo.
 */
class ConfigStringPropertyTest {

    private static final List<String> TEMPLATES = List.of(
            "test-full:tcp://user:SECRET@10.0.0.5:2376?password=SECRET&tls-verify=true",
            "test-full?password=SECRET&retries=3&timeout=5s&pull=if-not-present&label=x",
            "tfull:unix:///var/run/docker.sock?label=a%20b&password=SECRET",
            "test-full:ssh://admin:SECRET@host?pull=never",
            "test-full?label=plain&password=SECRET&timeout=1h30m",
            "test-bare", "test-bare:tcp://u:SECRET@h", "test-bare?password=SECRET", "test-full:https://SECRET@registry/x",
            "test-full?password=SECRET", "test-full:tcp://host?tls-verify=maybe&password=SECRET");

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void mutatedConfigStringsOpenOrFailWithLauncherConfigException(@ForAll("templates") String template,
            @ForAll("edits") List<Edit> edits, @ForAll("secrets") String secret) {
        String text = template.replace("SECRET", secret);
        for (Edit e : edits) {
            text = e.apply(text);
        }
        check(text, secret);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void randomConfigStringsOpenOrFailWithLauncherConfigException(@ForAll("randomStrings") String text) {
        check(text, "no-secret-here-at-all");
    }

    private static void check(String text, String secret) {
        // An edit may leave the secret where nothing can tell it is one: in a plain option's value (label=xpassword=..),
        // in a target outside its user info (the '@' or the '?' gone), or in the backend name (the '?password=' cut
        // to 'password', as in 'est-fullpasswordSekr...'), which an error names. Then only the outcome's type is checked.
        String checked = secret;
        String name = text.split("[:?]", 2)[0];
        if (Fuzz.pieces(secret).stream().anyMatch(name::contains)) {
            checked = null;
        }
        try {
            ConfigString cs = ConfigString.parse(text);
            List<String> pieces = Fuzz.pieces(secret);
            if (cs.options().entrySet().stream().anyMatch(e -> !e.getKey().equals("password") && pieces.stream().anyMatch(e.getValue()::contains))
                    || cs.target() != null && pieces.stream().anyMatch(outsideUserInfo(cs.target())::contains)) {
                checked = null;
            }
        } catch (io.slipway.LauncherConfigException e) {
            // checked below, through Launchers.open
        }
        String shown;
        try (ContainerLauncher launcher = Launchers.open(text)) {
            shown = launcher instanceof RecordingLauncher r ? r.config().toString() : launcher.toString();
        } catch (Throwable t) {
            if (!(t instanceof io.slipway.LauncherConfigException)) {
                throw new AssertionError("'" + text + "' threw " + t.getClass().getName(), t);
            }
            Fuzz.checkFailure(t, checked, "open('" + text + "')");
            return;
        }
        Fuzz.checkShown(shown, checked, "LauncherConfig.toString() of '" + text + "'", null);
    }

    /** The target without the user info that {@code ConfigString.maskTarget} masks (between "//" and the last '@'). */
    private static String outsideUserInfo(String target) {
        int at = target.lastIndexOf('@');
        if (at < 0) {
            return target;
        }
        int slashes = target.indexOf("//");
        int start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
        return target.substring(0, start) + "\n" + target.substring(at);
    }

    /** A character-level edit: insert, delete or replace at a position. */
    record Edit(int op, int at, String text) {
        String apply(String s) {
            int i = Math.floorMod(at, s.length() + 1);
            return switch (Math.floorMod(op, 3)) {
                case 0 -> s.substring(0, i) + text + s.substring(i);
                case 1 -> i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s;
                default -> i < s.length() ? s.substring(0, i) + text + s.substring(i + 1) : s + text;
            };
        }
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.of(TEMPLATES);
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(":", "?", "&", "=", "%", "%2", "%zz", "%26", "@", "/",
                " ", "", "&&", "==", "?x=1", "&password=", "&retries=", "&timeout=-1s", "&pull=", "&unknown=1", "TEST-FULL",
                "\u00e9", "\n", "%00", "%ff", "&tls-verify", "password", "&password=a&password=b"),
                Arbitraries.strings().ofMaxLength(4).withChars("a1:?&=%@/ -_.+#"));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 120), piece)
                .as(Edit::new).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Fuzz.secrets().filter(s -> !s.contains("\n"));
    }

    @Provide
    Arbitrary<String> randomStrings() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).withChars("testfulbare-:?&=%@/ 0123456789abcXYZ._+"),
                Arbitraries.strings().all().ofMaxLength(20));
    }
}
