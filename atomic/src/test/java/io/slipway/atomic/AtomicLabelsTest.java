package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label lookup as Atomic/objects/image.py get_label: as given, lower, capitalize(), UPPER; the first present wins. */
class AtomicLabelsTest {

    @Test
    void eachCaseVariantIsFound() {
        assertEquals("a", AtomicLabels.of(Map.of("INSTALL", "a")).install());
        assertEquals("b", AtomicLabels.of(Map.of("install", "b")).install());
        assertEquals("c", AtomicLabels.of(Map.of("Install", "c")).install());
        assertEquals("d", AtomicLabels.of(Map.of("Run_opts_file", "d")).runOptsFile(), "Python's capitalize()");
        assertNull(AtomicLabels.of(Map.of("iNSTALL", "e")).install(), "other spellings are not the label");
        assertNull(AtomicLabels.of(Map.of("RunOptsFile", "f")).runOptsFile());
    }

    @Test
    void theVariantsAreTriedInAtomicsOrder() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("RUN", "upper");
        labels.put("Run", "capitalized");
        labels.put("run", "lower");
        assertEquals("upper", AtomicLabels.find(labels, "RUN"), "as given first");
        assertEquals("lower", AtomicLabels.find(labels, "rUN"), "as given, then lower before Capitalized and UPPER");
        labels.remove("RUN");
        assertEquals("lower", AtomicLabels.find(labels, "RUN"));
        assertEquals("capitalized", AtomicLabels.find(Map.of("Run", "capitalized", "RUN", "upper"), "RUN".toLowerCase()));
    }

    @Test
    void allFourCommandsAndBlankOnes() {
        AtomicLabels l = AtomicLabels.of(Map.of("INSTALL", "i", "RUN", "r", "STOP", "s", "UNINSTALL", "u", "RUN_OPTS_FILE", "/f",
                "Vendor", "acme"));
        assertEquals(List.of("i", "r", "s", "u", "/f"), List.of(l.install(), l.run(), l.stop(), l.uninstall(), l.runOptsFile()));
        assertNull(AtomicLabels.of(Map.of("RUN", " ")).run(), "a blank label is no command (atomic tests truthiness)");
        assertEquals(AtomicLabels.NONE, AtomicLabels.of(null));
    }
}
