package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
