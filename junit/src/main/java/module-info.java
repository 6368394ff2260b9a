/**
 * {@code slipway-junit}: a JUnit 5 extension that starts Slipway deployments for tests ({@code @SlipwayDeployment} on a
 * class, {@code @Deployed} on fields), injects what tests need and deletes them afterwards. Opened to JUnit, which
 * reads and writes the annotated fields of test classes through this module's extension.
 */
module io.slipway.junit {
    requires transitive io.slipway.core;
    requires transitive org.junit.jupiter.api;
    requires io.slipway.engine;
    requires org.slf4j;

    exports io.slipway.junit;
}
