package io.slipway.spec;

import java.util.List;
import java.util.Map;

/**
 * How a service is reached and what it resolves. Null means "not given"; collections are never null.
 *
 * @param networkMode {@code network_mode} ({@code host}, {@code none}, {@code service:NAME}, {@code container:ID}), or null
 * @param networks the deployment's networks (their keys under the top-level {@code networks}) the service joins,
 *        highest {@code priority} first: {@code default} when the service names none, empty with a {@code network_mode}
 * @param ports published ports
 * @param expose ports exposed without publishing, as written ({@code 80}, {@code 8000-8010/udp})
 * @param hostname {@code hostname}
 * @param domainname {@code domainname}
 * @param macAddress {@code mac_address}
 * @param extraHosts {@code extra_hosts} as {@code host:ip}
 * @param dns {@code dns} servers
 * @param dnsSearch {@code dns_search} domains
 * @param dnsOpt {@code dns_opt} options
 * @param links {@code links} as {@code SERVICE:ALIAS} (the alias is the service's name when not given): the linked
 *        service answers to ALIAS on the networks it shares with this one
 * @param externalLinks {@code external_links} as {@code CONTAINER:ALIAS}
 */
public record ServiceNetworking(String networkMode, Map<String, NetworkAttachment> networks, List<PortMapping> ports,
        List<String> expose, String hostname, String domainname, String macAddress, List<String> extraHosts,
        List<String> dns, List<String> dnsSearch, List<String> dnsOpt, List<String> links, List<String> externalLinks) {

    /** The key of the network every service joins when it names none. */
    public static final String DEFAULT_NETWORK = "default";
}
