/**
 * Heat software-config hooks ({@code docker-compose}, {@code docker-cmd}, {@code atomic} and {@code slipway} groups),
 * run by {@code slipway hook}: the hook protocol in {@code io.slipway.heat}, the groups in {@code io.slipway.heat.group},
 * the container tools the groups drive in {@code io.slipway.heat.tool} (not exported). The backends the {@code slipway} group opens are found by
 * {@link java.util.ServiceLoader} through the core.
 */
module io.slipway.heat {
    requires transitive io.slipway.core;
    requires io.slipway.engine;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.slf4j;

    exports io.slipway.heat;
    exports io.slipway.heat.group;
}
