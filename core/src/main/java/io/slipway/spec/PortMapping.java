package io.slipway.spec;

/**
 * A published port, from either Compose syntax ({@code "127.0.0.1:8080:80/tcp"} or {@code {target: 80, published: 8080}}).
 *
 * @param hostIp the host address to bind, or null for all
 * @param hostPort the host port, or null for an ephemeral one
 * @param containerPort the container's port
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortMapping(String hostIp, Integer hostPort, int containerPort, String protocol) {
}
