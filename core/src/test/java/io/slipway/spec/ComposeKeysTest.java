package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.Inputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Compose keys beyond the basics, bound into the grouped model. */
class ComposeKeysTest {

    private static ResolvedSpec resolve(String yaml) {
        return LaunchSpec.parse(yaml, Path.of("/specs"), "stack.yaml").resolve(Inputs.empty());
    }

    @Test
    void networksAtTheTopAndPerServiceInBothForms() {
        ResolvedSpec r = resolve("""
                services:
                  web: {image: a, networks: [front, back]}
                  db:
                    image: a
                    networks:
                      back: {aliases: [database, pg], ipv4_address: 10.9.0.5}
                      front:
                      admin: {priority: 100}
                  plain: {image: a}
                  host: {image: a, network_mode: host}
                networks:
                  front: {}
                  back:
                    internal: true
                    labels: [tier=back]
                    ipam: {config: [{subnet: 10.9.0.0/24, gateway: 10.9.0.1}]}
                  admin: {driver: bridge, driver_opts: {com.docker.network.bridge.enable_icc: "true"}, attachable: true}
                  shared: {external: true, name: corp-net}
                """);
        assertEquals(List.of("front", "back"), List.copyOf(r.service("web").networking().networks().keySet()));
        assertEquals(List.of("admin", "back", "front"), List.copyOf(r.service("db").networking().networks().keySet()),
                "highest priority first");
        assertEquals(new NetworkAttachment(List.of("database", "pg"), "10.9.0.5", null, 0),
                r.service("db").networking().networks().get("back"));
        assertEquals(Map.of("default", NetworkAttachment.PLAIN), r.service("plain").networking().networks());
        assertEquals(Map.of(), r.service("host").networking().networks());
        NetworkSpec back = r.networks().get("back");
        assertTrue(back.internal());
        assertNull(back.name(), "scoped to the deployment by the backend");
        assertEquals(Map.of("tier", "back"), back.labels());
        assertEquals(List.of(new NetworkSpec.IpamPool("10.9.0.0/24", "10.9.0.1", null)), back.ipamPools());
        assertEquals(new NetworkSpec("shared", "corp-net", true, null, Map.of(), false, false, false, Map.of(), null,
                List.of()), r.networks().get("shared"));
        assertEquals(List.of("default", "front", "back", "admin"), r.usedNetworks().stream().map(NetworkSpec::key).toList(),
                "an unused network is not used");
    }

    @Test
    void anExternalNetworkTakesOnlyAName() {
        SpecException e = assertThrows(SpecException.class, () -> resolve(
                "services: {web: {image: a}}\nnetworks: {shared: {external: true, driver: bridge}}\n"));
        assertEquals("networks.shared.driver: an external network is used as it is; only 'name' may be given",
                e.getMessage());
    }

    @Test
    void resourcesFromServiceKeysAndDeployLimits() {
        ServiceSpec s = resolve("""
                services:
                  web:
                    image: a
                    cpus: 0.5
                    mem_limit: 512m
                    memswap_limit: -1
                    shm_size: 64mb
                    cpu_shares: 512
                    cpuset: "0"
                    oom_score_adj: -100
                    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 64}
                    devices: ["/dev/null:/dev/fake:rwm"]
                    deploy:
                      resources:
                        limits: {cpus: "2", memory: 1G, pids: 100}
                        reservations: {memory: 128M}
                """).service("web");
        ServiceResources r = s.resources();
        assertEquals(0.5, r.cpus(), "the service key wins over deploy");
        assertEquals(512L << 20, r.memLimit());
        assertEquals(-1L, r.memswapLimit());
        assertEquals(64L << 20, r.shmSize());
        assertEquals(100L, r.pidsLimit(), "from deploy.resources.limits");
        assertEquals(128L << 20, r.memReservation());
        assertEquals(512L, r.cpuShares());
        assertEquals(-100, r.oomScoreAdj());
        assertEquals(List.of(new Ulimit("nofile", 1024, 2048), new Ulimit("nproc", 64, 64)), r.ulimits());
        assertEquals(List.of("/dev/null:/dev/fake:rwm"), r.devices());
    }

    @Test
    void replicasRestartPolicyAndSwarmOnlyParts() {
        ServiceSpec s = resolve("""
                services:
                  web:
                    image: a
                    deploy:
                      replicas: 3
                      placement: {constraints: [node.role==manager]}
                      restart_policy: {condition: on-failure, max_attempts: 4, delay: 5s}
                  once: {image: a, deploy: {mode: global}, restart: always}
                  scaled: {image: a, scale: 2, deploy: {restart_policy: {condition: none}}}
                """).service("web");
        assertEquals(3, s.replicas());
        assertEquals("on-failure:4", s.restart());
        ResolvedSpec r = resolve("services:\n  once: {image: a, deploy: {mode: global, restart_policy: "
                + "{condition: none}}, restart: always}\n  scaled: {image: a, scale: 2}\n");
        assertEquals(1, r.service("once").replicas());
        assertEquals("always", r.service("once").restart(), "restart wins over deploy.restart_policy");
        assertEquals(2, r.service("scaled").replicas());
    }

    @Test
    void processSecurityAndNamingKeys() {
        ServiceSpec s = resolve("""
                services:
                  web:
                    image: a
                    container_name: my-web
                    tty: true
                    stdin_open: true
                    init: true
                    platform: linux/amd64
                    runtime: runc
                    read_only: true
                    security_opt: [no-new-privileges:true]
                    sysctls: {net.core.somaxconn: 1024}
                    group_add: [audio]
                    ipc: shareable
                    userns_mode: host
                    expose: [80, "8000-8010/udp"]
                    dns: 10.0.0.2
                    dns_search: [example.com]
                    domainname: example.com
                    tmpfs: ["/run:size=64m", /tmp]
                    logging: {driver: json-file, options: {max-size: 10m}}
                    links: [db, "db:database"]
                    stop_grace_period: 3s
                  db: {image: a}
                """).service("web");
        assertEquals("my-web", s.containerName());
        assertEquals(new ServiceProcess(null, null, true, true, true, null, Duration.ofSeconds(3), "linux/amd64", "runc"),
                s.process());
        assertTrue(s.security().readOnly());
        assertEquals(Map.of("net.core.somaxconn", "1024"), s.security().sysctls());
        assertEquals(List.of("80", "8000-8010/udp"), s.networking().expose());
        assertEquals(List.of("10.0.0.2"), s.networking().dns());
        assertEquals(List.of("db:db", "db:database"), s.networking().links());
        assertEquals(DependencyCondition.SERVICE_STARTED, s.dependsOn().get("db"), "a link orders the start");
        assertEquals(List.of(new VolumeMount("tmpfs", null, "/run", false, "size=64m"),
                new VolumeMount("tmpfs", null, "/tmp", false, null)), s.volumes());
        assertEquals(new Logging("json-file", Map.of("max-size", "10m")), s.logging());
        assertEquals(List.of("image", "container_name", "tty", "stdin_open", "init", "platform", "runtime", "read_only",
                "security_opt", "sysctls", "group_add", "ipc", "userns_mode", "expose", "dns", "dns_search", "domainname",
                "tmpfs", "logging", "links", "stop_grace_period"), List.copyOf(s.keys()));
    }

    @Test
    void anOptionalEnvFileThatDoesNotExistIsLeftOut() {
        ServiceSpec s = resolve("services:\n  web:\n    image: a\n    env_file: [{path: ./none.env, required: false},"
                + " {path: ./must.env}]\n").service("web");
        assertEquals(List.of("/specs/must.env"), s.envFiles());
    }

    @Test
    void keySupportRefusesByNameAndBackend() {
        ResolvedSpec r = resolve("services:\n  web: {image: a, runtime: runc}\n");
        KeySupport support = KeySupport.of("toy", Map.of("runtime", "the toy has one runtime"));
        SpecException e = assertThrows(SpecException.class, () -> support.check(r));
        assertEquals("services.web.runtime: not supported by the toy backend: the toy has one runtime", e.getMessage());
        assertFalse(support.honours("runtime"));
        KeySupport.of("toy", Map.of()).check(r);
    }

    @Test
    void swarmOnlyDeployKeysAreNamedAndOnlyASingleEngineBackendSaysItIgnoresThem() {
        String yaml = "services:\n  web: {image: a, deploy: {placement: {constraints: [node.role==manager]}, "
                + "restart_policy: {condition: any, delay: 5s}, replicas: 2}}\n";
        var parsed = captureStderr(() -> resolve(yaml));
        assertFalse(parsed.getValue().contains("swarm"), "reading a spec warns of nothing: " + parsed.getValue());
        ResolvedSpec r = parsed.getKey();
        assertTrue(r.service("web").keys().containsAll(List.of("deploy.placement", "deploy.restart_policy.delay")),
                r.service("web").keys().toString());
        assertFalse(r.service("web").keys().contains("deploy.replicas"), "one engine honours replicas");

        String single = captureStderr(() -> {
            KeySupport.of("toy", Map.of()).check(r);
            return null;
        }).getValue();
        assertTrue(single.contains("services.web.deploy.placement has a meaning only on a swarm; ignored by the toy "
                + "backend"), single);
        assertTrue(single.contains("services.web.deploy.restart_policy.delay has a meaning only on a swarm"), single);
        String swarm = captureStderr(() -> {
            KeySupport.onSwarm("toyswarm", Map.of()).check(r);
            return null;
        }).getValue();
        assertFalse(swarm.contains("meaning only on a swarm"), swarm);
    }

    /** What {@code action} wrote on stderr (where slf4j-simple logs), with its result. */
    private static <T> Map.Entry<T, String> captureStderr(java.util.function.Supplier<T> action) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            T result = action.get();
            return new java.util.AbstractMap.SimpleEntry<>(result, out.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void longFormMountOptionsAndStartIntervalAreReadAndNamedAsKeys() {
        ServiceSpec s = resolve("""
                services:
                  web:
                    image: a
                    volumes:
                      - {type: bind, source: ./conf, target: /conf, bind: {create_host_path: false, propagation: rshared, selinux: z}}
                      - {type: volume, source: data, target: /data, volume: {nocopy: true}}
                      - {type: tmpfs, target: /t, tmpfs: {size: 1m, mode: 1777}}
                    healthcheck: {test: [CMD, "true"], start_interval: 1s}
                volumes: {data: {}}
                """).service("web");
        assertEquals(new VolumeMount("bind", "/specs/conf", "/conf", false, null,
                new VolumeMount.Options(false, "rshared", "z", false)), s.volumes().get(0));
        assertEquals(new VolumeMount.Options(true, null, null, true), s.volumes().get(1).options());
        assertEquals("size=1048576,mode=1777", s.volumes().get(2).tmpfsOptions());
        assertEquals(Duration.ofSeconds(1), s.healthcheck().startInterval());
        assertTrue(s.keys().containsAll(List.of("healthcheck.start_interval", "volumes.bind.create_host_path",
                "volumes.bind.selinux", "volumes.volume.nocopy", "volumes.tmpfs.mode")), s.keys().toString());
    }

    @Test
    void mountOptionsOfAnotherTypeAreAnError() {
        SpecException e = assertThrows(SpecException.class, () -> resolve(
                "services:\n  web:\n    image: a\n    volumes: [{type: tmpfs, target: /t, bind: {propagation: shared}}]\n"));
        assertEquals("services.web.volumes[0].bind: 'bind' options are for a mount of type bind, but this one is of type "
                + "tmpfs", e.getMessage());
        e = assertThrows(SpecException.class, () -> resolve("services:\n  web:\n    image: a\n    volumes: "
                + "[{type: bind, source: /a, target: /t, bind: {propagation: sideways}}]\n"));
        assertEquals("services.web.volumes[0].bind.propagation: invalid propagation 'sideways'; valid: private, "
                + "rprivate, shared, rshared, slave, rslave", e.getMessage());
    }
}
