package io.slipway.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import com.github.dockerjava.api.model.LogConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A container's log configuration naming its driver by the engine's own name. docker-java's {@link LogConfig} takes
 * the driver from an enum of Docker's built-in drivers, so a plugin driver ({@code loki}, {@code local} plugins) or
 * Podman's {@code k8s-file} could not be sent at all. Which drivers the engine has is checked before anything is
 * created ({@link EngineLogDrivers}).
 */
public final class NamedLogConfig extends LogConfig {

    private static final long serialVersionUID = 1L;

    private final String driver;

    /**
     * @param driver  the driver's name, as the engine lists it among its log plugins
     * @param options the driver's options ({@code logging.options}); may be empty
     */
    public NamedLogConfig(String driver, Map<String, String> options) {
        super(null, options == null || options.isEmpty() ? null : Map.copyOf(options));
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    /** The driver's name. */
    public String driver() {
        return driver;
    }

    /** The Engine API's {@code HostConfig.LogConfig} object: {@code {"Type": driver, "Config": options}}. */
    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Type", driver);
        if (getConfig() != null) {
            json.put("Config", getConfig());
        }
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedLogConfig other && driver.equals(other.driver)
                && Objects.equals(getConfig(), other.getConfig());
    }

    @Override
    public int hashCode() {
        return Objects.hash(driver, getConfig());
    }

    @Override
    public String toString() {
        return "NamedLogConfig[driver=" + driver + ", options=" + (getConfig() == null ? 0 : getConfig().size()) + "]";
    }
}
