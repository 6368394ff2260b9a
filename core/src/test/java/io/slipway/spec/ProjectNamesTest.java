package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deployment names to Compose project names: valid for v1 and v2, and never two deployments in one project. */
class ProjectNamesTest {

    private static final String VALID = "[a-z0-9][a-z0-9_-]*";

    @Test
    void aValidNameIsKeptAsItIs() {
        assertEquals("shop", ProjectNames.of("shop"));
        assertEquals("shop_2-blue", ProjectNames.of("shop_2-blue"));
    }

    @Test
    void otherNamesAreNormalisedAndKeepTheirIdentity() {
        List<String> names = List.of("Shop", "shop", "s.hop", "sHop", "SHOP", "My.App-1");
        List<String> projects = names.stream().map(ProjectNames::of).toList();
        projects.forEach(p -> assertTrue(p.matches(VALID), p));
        assertEquals(names.size(), projects.stream().distinct().count(), projects.toString());
        assertTrue(ProjectNames.of("My.App-1").startsWith("myapp-1-"), ProjectNames.of("My.App-1"));
        assertEquals(ProjectNames.of("Shop"), ProjectNames.of("Shop"), "stable");
        assertNotEquals(ProjectNames.of("Shop"), ProjectNames.of("shop"));
    }

    @Test
    void volumesAreNamedAsComposeNamesThem() {
        assertEquals("shop_db_data", ProjectNames.volume("shop", new VolumeSpec("db_data", null, false, null, Map.of(), Map.of())));
        assertEquals(ProjectNames.of("My.App") + "_data", ProjectNames.volume("My.App", "data"));
        assertEquals("given", ProjectNames.volume("shop", new VolumeSpec("data", "given", false, null, Map.of(), Map.of())));
        assertEquals("data", ProjectNames.volume("shop", new VolumeSpec("data", "data", true, null, Map.of(), Map.of())),
                "an external volume keeps its name");
        assertNotEquals(ProjectNames.volume("a", "data"), ProjectNames.volume("b", "data"));
    }
}
