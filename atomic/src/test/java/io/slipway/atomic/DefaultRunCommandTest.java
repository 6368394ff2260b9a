package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Atomic's default run (Atomic/run.py RUN_ARGS, SPC_ARGS; backends/_docker.py run) with a Compose service. */
class DefaultRunCommandTest {

    private static ServiceSpec service(String body) {
        return spec(body).service("web");
    }

    private static ResolvedSpec spec(String body) {
        return LaunchSpec.parse("services:\n  web:\n    image: acme/web:1\n" + body, Path.of("/specs"), "t.yaml")
                .resolve(Inputs.empty());
    }

    private static Substitution sub() {
        return Substitution.forService("d-web", "acme/web:1", ServiceOptions.DEFAULTS, "/specs",
                new HostIdentity("0", "0"), false);
    }

    @Test
    void withoutComposeKeysItIsAtomicsRunArgsDetached() {
        ServiceSpec s = service("");
        assertEquals(List.of("docker", "run", "-d", "-i", "--name", "d-web", "acme/web:1"),
                DefaultRunCommand.argv(s, sub(), false, true, List.of()));
    }

    @Test
    void spcIsAtomicsSpcArgsExactly() {
        List<String> expected = new ArrayList<>(List.of("docker", "run", "-d"));
        // Atomic/run.py SPC_ARGS, with ${NAME} and ${IMAGE} substituted
        expected.addAll(List.of("-i", "--privileged", "-v", "/:/host", "-v", "/run:/run", "-v",
                "/etc/localtime:/etc/localtime", "-v", "/sys/fs/selinux:/sys/fs/selinux:ro", "--net=host", "--ipc=host",
                "--pid=host", "-e", "HOST=/host", "-e", "NAME=d-web", "-e", "IMAGE=acme/web:1", "-e",
                "SYSTEMD_IGNORE_CHROOT=1", "--name", "d-web", "acme/web:1"));
        assertEquals(expected, DefaultRunCommand.argv(service(""), sub(), true, true, List.of()));
        expected.removeAll(List.of("/sys/fs/selinux:/sys/fs/selinux:ro"));
        expected.remove(expected.lastIndexOf("-v"));
        assertEquals(expected, DefaultRunCommand.argv(service(""), sub(), true, false, List.of()),
                "without SELinux on the host the engine could not create /sys/fs/selinux: that mount alone is left out");
    }

    @Test
    void composeKeysBecomeOptionsBeforeTheNameAndTheCommandFollowsTheImage() {
        ServiceSpec s = service("    command: [httpd, -f, -p, '8080']\n    entrypoint: [sh, -c]\n"
                + "    environment: {GREETING: 's3cr3t value', EMPTY: ''}\n    ports: ['8080:80', '127.0.0.1::81/udp']\n"
                + "    volumes: ['/data:/data:ro', '/scratch', {type: tmpfs, target: /run/x}]\n    user: nobody\n"
                + "    labels: {team: core}\n    restart: always\n    working_dir: /w\n    cap_add: [NET_ADMIN]\n"
                + "    hostname: h\n    extra_hosts: ['db:10.0.0.1']\n    stop_signal: SIGINT\n    stop_grace_period: 3s\n"
                + "    healthcheck: {test: [CMD, test, -f, /tmp/it's ready], interval: 250ms, retries: 4}\n");
        List<String> options = DefaultRunCommand.serviceOptions("d", null, s, Map.of("default", "slipway_d"), Map.of(),
                s.environment().keySet(), Map.of("io.slipway.deployment", "d"), List.of());
        List<String> argv = DefaultRunCommand.argv(s, sub(), false, false, options);
        assertEquals(List.of("docker", "run", "-d", "-i"), argv.subList(0, 4));
        assertEquals(List.of("--name", "d-web", "acme/web:1", "-c", "httpd", "-f", "-p", "8080"),
                argv.subList(argv.size() - 8, argv.size()));
        String joined = String.join(" ", argv);
        for (String expected : new String[] {"--label team=core", "--label io.slipway.deployment=d", "-e GREETING",
                "-e EMPTY", "-p 8080:80/tcp", "-p 127.0.0.1::81/udp", "-v /data:/data:ro", "-v /scratch",
                "--tmpfs /run/x", "--network slipway_d --network-alias web", "--user nobody", "--restart always",
                "--workdir /w", "--cap-add NET_ADMIN", "--hostname h", "--add-host db:10.0.0.1", "--stop-signal SIGINT",
                "--stop-timeout 3", "--entrypoint sh", "--health-interval 250ms", "--health-retries 4"}) {
            assertTrue(joined.contains(expected), expected + " missing in " + joined);
        }
        assertTrue(argv.contains("test -f '/tmp/it'\\''s ready'"), "the exec form becomes a quoted shell command: " + argv);
        assertFalse(joined.contains("s3cr3t"), "environment values never appear in argv");
        assertTrue(argv.indexOf("--entrypoint") < argv.indexOf("--name"));
    }

    @Test
    void networkModesAndDisabledHealthchecks() {
        ServiceSpec s = service("    network_mode: 'service:db'\n    pid: host\n    healthcheck: {disable: true}\n");
        List<String> o = DefaultRunCommand.serviceOptions("d", null, s, Map.of(), Map.of(), List.of(), Map.of(), List.of());
        assertEquals(List.of("--network", "container:d-db", "--pid", "host", "--no-healthcheck"), o);
    }

    @Test
    void engineKeysNetworksAndLinksBecomeFlagsAndConnects() {
        ResolvedSpec spec = spec("""
                    networks: {back: {aliases: [api], ipv4_address: 10.9.0.5}, front: {}}
                    links: ['db:store']
                    container_name: my-web
                    read_only: true
                    init: true
                    cpus: 0.5
                    mem_limit: 64m
                    ulimits: {nofile: {soft: 512, hard: 1024}}
                    sysctls: {net.core.somaxconn: '1024'}
                    tmpfs: ['/run:size=1m']
                    expose: ['8080']
                    dns_search: example.org
                    logging: {driver: json-file, options: {max-size: 1m}}
                  db: {image: acme/db:1, networks: [back]}
                networks: {back: {}, front: {}}
                """);
        ServiceSpec s = spec.service("web");
        Map<String, String> nets = new java.util.LinkedHashMap<>();
        nets.put("back", "slipway_d_back");
        nets.put("front", "slipway_d_front");
        String joined = String.join(" ", DefaultRunCommand.serviceOptions("d", spec, s, nets, Map.of(), List.of(), Map.of(), List.of()));
        for (String expected : new String[] {"--network slipway_d_back --network-alias web --network-alias api --ip "
                + "10.9.0.5 --link d-db:store", "--read-only", "--init", "--cpus 0.5", "--memory 67108864",
                "--ulimit nofile=512:1024", "--sysctl net.core.somaxconn=1024", "--tmpfs /run:size=1m", "--expose 8080",
                "--dns-search example.org", "--log-driver json-file --log-opt max-size=1m"}) {
            assertTrue(joined.contains(expected), expected + " missing in " + joined);
        }
        assertEquals(List.of(List.of("docker", "network", "connect", "--alias", "web", "slipway_d_front", "my-web")),
                DefaultRunCommand.connects("d", spec, s, nets, "my-web"), "the link is on back only, which front does not share");
    }

    @Test
    void spcRefusesWhatItCannotHonour() {
        assertThrows(SpecException.class, () -> DefaultRunCommand.checkSpc(service("    ports: ['80:80']\n")));
        SpecException e = assertThrows(SpecException.class, () -> DefaultRunCommand.checkSpc(service("    network_mode: bridge\n")));
        assertEquals("services.web.network_mode", e.path());
        DefaultRunCommand.checkSpc(service("    network_mode: host\n    pid: host\n"));
    }

    @Test
    void wordsAreQuotedForTheDisplayAsAShellReadsThemBack() {
        List<String> words = Arrays.asList("plain", "two words", "it's", "", "$x");
        assertEquals(words, io.slipway.spec.ShellWords.split(DefaultRunCommand.shellJoin(words)));
    }

    @Test
    void secretsAndConfigsAreReadOnlyBindMountsOfHostFiles() {
        ServiceSpec s = LaunchSpec.parse("secrets: {pw: {environment: pw}}\nconfigs: {c: {content: x}}\n"
                + "services:\n  web:\n    image: acme/web:1\n    secrets: [pw]\n    configs: [{source: c, target: /etc/c}]\n",
                Path.of("/specs"), "t.yaml").resolve(Inputs.builder().secret("pw", "hunter22").build()).service("web");
        List<String> o = DefaultRunCommand.serviceOptions("d", null, s, Map.of(), Map.of(), List.of(), Map.of(),
                List.of("/state/d/web/secrets/pw", "/state/d/web/configs/c"));
        assertEquals(List.of("-v", "/state/d/web/secrets/pw:/run/secrets/pw:ro", "-v", "/state/d/web/configs/c:/etc/c:ro"), o);
    }
}
