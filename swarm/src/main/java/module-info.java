/**
 * The {@code swarm} backend: every service a Docker Swarm service. Found by {@link java.util.ServiceLoader};
 * {@code io.slipway.swarm} is exported for its option constants, and opened to Jackson, which serialises the
 * service specs this backend writes itself.
 */
module io.slipway.swarm {
    requires transitive io.slipway.engine;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.slipway.swarm;
    opens io.slipway.swarm to com.fasterxml.jackson.databind;

    provides io.slipway.spi.LauncherProvider with io.slipway.swarm.SwarmProvider;
}
