/**
 * The {@code docker-run} backend: every service a container created through the Engine API. Found by
 * {@link java.util.ServiceLoader}; {@code io.slipway.dockerrun} is exported for its option constants.
 */
module io.slipway.dockerrun {
    requires transitive io.slipway.engine;
    requires org.slf4j;

    exports io.slipway.dockerrun;

    provides io.slipway.spi.LauncherProvider with io.slipway.dockerrun.DockerRunProvider;
}
