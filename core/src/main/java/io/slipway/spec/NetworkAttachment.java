package io.slipway.spec;

import java.util.List;

/**
 * How a service joins one of the deployment's networks (an entry of a service's {@code networks}).
 *
 * @param aliases {@code aliases}, beside the service's name, which every attachment answers to
 * @param ipv4Address {@code ipv4_address}, or null
 * @param ipv6Address {@code ipv6_address}, or null
 * @param priority {@code priority}: networks are joined highest first (Compose's order), 0 when not given
 */
public record NetworkAttachment(List<String> aliases, String ipv4Address, String ipv6Address, int priority) {

    /** No alias, no fixed address. */
    public static final NetworkAttachment PLAIN = new NetworkAttachment(List.of(), null, null, 0);

    /** Copies {@code aliases}. */
    public NetworkAttachment {
        aliases = List.copyOf(aliases);
    }
}
