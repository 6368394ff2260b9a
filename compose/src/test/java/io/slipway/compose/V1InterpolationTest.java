package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.spec.LaunchSpec;
import io.slipway.spec.SpecException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What docker-compose v1 would interpolate otherwise than the Compose Specification is refused up front. */
class V1InterpolationTest {

    @Test
    void whatV1ReadsAlikeIsAccepted() {
        for (String ok : new String[] {"plain", "$$", "$$HOME", "${a}", "$a", "${a:-x}", "${a-x y}", "${a:?need a}",
                "${a?}", "a${b}c${d:-e}", "$${a:-${b}}", "cost: 5$"}) {
            assertNull(V1Interpolation.problem(ok), ok);
        }
    }

    @Test
    void nestedDefaultsAndReplacementsAreNot() {
        assertTrue(V1Interpolation.problem("${a:-${b}}").contains("literally"));
        assertTrue(V1Interpolation.problem("${a-$$}").contains("literally"));
        assertTrue(V1Interpolation.problem("x ${a:+set}").contains("replacement"));
        assertTrue(V1Interpolation.problem("${a+set}").contains("replacement"));
    }

    @Test
    void theErrorNamesThePathOfTheValue() {
        LaunchSpec spec = LaunchSpec.parse("services:\n  web:\n    image: busybox:1\n"
                + "    command: [sh, -c, 'echo ${greeting:-${fallback}}']\n");
        SpecException e = assertThrows(SpecException.class,
                () -> ComposeFile.render(spec.composeDocument(), "d", ComposeTool.Generation.V1, Set.of()));
        assertEquals("services.web.command[2]", e.path());
        assertTrue(e.getMessage().contains("docker-compose v1 cannot interpolate"), e.getMessage());
        // v2 reads it as the specification says
        ComposeFile.render(spec.composeDocument(), "d", ComposeTool.Generation.V2, Set.of());
    }
}
