package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The env file reads back exactly what was written, whatever the values hold. */
class EnvFileFormatTest {

    private static final Path SPECS = Path.of("/specs");

    @Test
    void valuesRoundTripVerbatim() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("plain", "hello world");
        vars.put("quotes", "it's \"quoted\" and 'single'");
        vars.put("backslash", "a\\b\\\\c\\'d\\");
        vars.put("shell", "$HOME ${x:-y} $(id) `id` ; | & > * ? ~ # = !");
        vars.put("lines", "first\nsecond\n");
        vars.put("empty", "");
        vars.put("trailing_quote", "'");
        String text = EnvFileFormat.write("d", SPECS, vars, List.of("quotes"));
        assertEquals(vars, EnvFileFormat.read(text));
        assertEquals(List.copyOf(vars.keySet()), List.copyOf(EnvFileFormat.read(text).keySet()), "order kept");
    }

    @Test
    void secretNamesAreRecordedNotTheirValues() {
        String text = EnvFileFormat.write("d", SPECS, Map.of("pw", "s3cret", "user", "bob"), List.of("pw"));
        assertEquals(Set.of("pw"), EnvFileFormat.secretNames(text));
        assertEquals(Set.of(), EnvFileFormat.secretNames(EnvFileFormat.write("d", SPECS, Map.of("a", "b"), List.of())));
        assertEquals(Optional.of(SPECS), EnvFileFormat.projectDirectory(text));
        assertEquals(Optional.empty(), EnvFileFormat.projectDirectory("a='b'\n"));
        assertEquals(1, text.lines().filter(l -> l.contains("s3cret")).count(), "the value appears once: " + text);
    }
}
