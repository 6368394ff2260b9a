package io.slipway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeploymentNamesTest {

    private static final String SIXTY_THREE = "a" + "b".repeat(62);

    @ParameterizedTest
    @ValueSource(strings = {"shop", "Shop", "a", "0", "shop-1", "shop_1", "shop.v2", "A.b-c_d", "9lives",
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_"})
    void validNamesAreReturned(String name) {
        assertEquals(name, DeploymentNames.requireValid(name));
    }

    @Test
    void sixtyThreeCharactersIsTheLimit() {
        assertEquals(63, SIXTY_THREE.length());
        assertEquals(SIXTY_THREE, DeploymentNames.requireValid(SIXTY_THREE));
        SlipwayException e = assertThrows(SlipwayException.class, () -> DeploymentNames.requireValid(SIXTY_THREE + "c"));
        assertTrue(e.getMessage().startsWith("bad deployment name '" + SIXTY_THREE + "c'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-shop", "_shop", ".shop", "shop shop", "shop/web", "shop:1", "sh\u00f6p", "shop\n",
        "shop$", " shop"})
    void invalidNamesAreRejectedNamingTheNameAndTheRule(String name) {
        SlipwayException e = assertThrows(SlipwayException.class, () -> DeploymentNames.requireValid(name));
        assertEquals("bad deployment name '" + name + "': use 1-63 letters, digits, '_', '.' or '-', "
                + "starting with a letter or digit", e.getMessage());
    }

    @ParameterizedTest
    @NullSource
    void nullIsRejected(String name) {
        SlipwayException e = assertThrows(SlipwayException.class, () -> DeploymentNames.requireValid(name));
        assertTrue(e.getMessage().startsWith("bad deployment name 'null'"), e.getMessage());
    }
}
