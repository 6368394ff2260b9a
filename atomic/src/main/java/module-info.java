/**
 * The {@code atomic} backend: an agent container applies the deployment in one step. Found by
 * {@link java.util.ServiceLoader}; {@code io.slipway.atomic} is exported for its option constants.
 */
module io.slipway.atomic {
    requires transitive io.slipway.engine;
    requires org.apache.commons.compress;
    requires org.slf4j;

    exports io.slipway.atomic;

    provides io.slipway.spi.LauncherProvider with io.slipway.atomic.AtomicProvider;
}
