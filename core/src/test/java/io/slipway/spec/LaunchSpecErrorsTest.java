package io.slipway.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.inputs.InputException;
import io.slipway.inputs.Inputs;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error: its path and its exact message. */
class LaunchSpecErrorsTest {

    private static final String SERVICE_KEYS = String.join(", ", ComposeReader.SERVICE_KEYS) + ", x-*";
    private static final String TOP_KEYS = "version, name, include, services, networks, volumes, secrets, configs, x-slipway, x-*";
    private static final String WEB = "services:\n  web:\n    image: busybox\n";

    /** The error of parsing {@code yaml}. */
    static SpecException parseError(String yaml) {
        return assertThrows(SpecException.class, () -> LaunchSpec.parse(yaml, Path.of("/specs"), "stack.yaml"));
    }

    /** The error of resolving {@code yaml} (which parses) with {@code inputs}. */
    static SpecException resolveError(String yaml, Inputs inputs) {
        LaunchSpec spec = LaunchSpec.parse(yaml, Path.of("/specs"), "stack.yaml");
        return assertThrows(SpecException.class, () -> spec.resolve(inputs));
    }

    static Stream<Arguments> parseErrors() {
        return Stream.of(
                Arguments.of("services:\n  web:\n    image: [busybox\n", "",
                        "stack.yaml: line 4, column 1: expected ',' or ']', but got <stream end>"),
                Arguments.of("services:\n  web:\n    image: a: b\n", "",
                        "stack.yaml: line 3, column 13: mapping values are not allowed here"),
                Arguments.of("services:\n  web:\n\timage: busybox\n", "", "stack.yaml: line 3, column 1: found "
                        + "character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                Arguments.of("services:\n  web: {image: a}\n  web: {image: b}\n", "",
                        "stack.yaml: line 3, column 6: Duplicate field 'web'"),
                Arguments.of("", "", "stack.yaml: empty document; a spec needs a services map"),
                Arguments.of("# nothing\n", "", "stack.yaml: empty document; a spec needs a services map"),
                Arguments.of("- web\n", "", "stack.yaml: the document is not a map; a spec needs a services map"),
                Arguments.of(WEB + "---\n" + WEB, "", "stack.yaml: line 5: a second YAML document; a spec is one document"),
                Arguments.of("version: '3'\n", "services", "services: missing; a spec needs a services map"),
                Arguments.of("services: [web]\n", "services", "services: expected a map of at least one service"),
                Arguments.of("services: {}\n", "services", "services: expected a map of at least one service"),
                Arguments.of(WEB + "networks:\n  front: {drivr: bridge}\n", "networks.front.drivr",
                        "networks.front.drivr: unsupported key; supported: driver, driver_opts, internal, attachable, "
                                + "external, name, labels, ipam, enable_ipv6"),
                Arguments.of(WEB + "networks:\n  front: {ipam: {config: [{subnet: 10.5.0.0/16, gw: 10.5.0.1}]}}\n",
                        "networks.front.ipam.config[0].gw", "networks.front.ipam.config[0].gw: unsupported key; "
                                + "supported: subnet, gateway, ip_range, aux_addresses"),
                Arguments.of(WEB + "swarm: {}\n", "swarm", "swarm: unsupported key; supported: " + TOP_KEYS),
                Arguments.of(WEB + "secrets:\n  pw: {driver: x}\n", "secrets.pw.driver",
                        "secrets.pw.driver: unsupported key; supported: file, environment, external, name"),
                Arguments.of(WEB + "    secrets: [{source: pw, tgt: x}]\n", "services.web.secrets[0].tgt",
                        "services.web.secrets[0].tgt: unsupported key; supported: source, target, uid, gid, mode"),
                Arguments.of(WEB + "    deploy: {replica: 2}\n", "services.web.deploy.replica",
                        "services.web.deploy.replica: unsupported key; supported: mode, replicas, labels, placement, "
                                + "resources, restart_policy, update_config, rollback_config, endpoint_mode"),
                Arguments.of(WEB + "    deploy: {resources: {limits: {memroy: 1g}}}\n",
                        "services.web.deploy.resources.limits.memroy",
                        "services.web.deploy.resources.limits.memroy: unsupported key; supported: cpus, memory, pids"),
                Arguments.of(WEB + "    build: {context: ., secrets: [x]}\n", "services.web.build.secrets",
                        "services.web.build.secrets: unsupported key; supported: context, dockerfile, dockerfile_inline, "
                                + "args, target, labels, network, shm_size, extra_hosts, pull"),
                Arguments.of("services:\n  web:\n    command: [x]\n", "services.web.image",
                        "services.web.image: missing; a service needs an image, a build, or both (a built image is tagged "
                                + "with image when given, else <deployment>-web)"),
                Arguments.of("services:\n  -web: {image: a}\n", "services.-web",
                        "services.-web: invalid service name; a name matches [a-zA-Z0-9][a-zA-Z0-9_.-]*"),
                Arguments.of("services:\n  web: busybox\n", "services.web", "services.web: expected a map but was 'busybox'"),
                Arguments.of(WEB + "volumes:\n  data: {drivr: local}\n", "volumes.data.drivr",
                        "volumes.data.drivr: unsupported key; supported: driver, driver_opts, external, name, labels"),
                Arguments.of(WEB + "volumes:\n  data: local\n", "volumes.data", "volumes.data: expected a map but was 'local'"),
                Arguments.of(WEB + "    healthcheck: {test: [CMD, x], start_intervall: 1s}\n",
                        "services.web.healthcheck.start_intervall", "services.web.healthcheck.start_intervall: "
                                + "unsupported key; supported: test, interval, timeout, retries, start_period, disable, "
                                + "start_interval"),
                Arguments.of(WEB + "    ports: [{target: 80, name: http}]\n", "services.web.ports[0].name",
                        "services.web.ports[0].name: unsupported key; supported: target, published, host_ip, protocol, mode"),
                Arguments.of(WEB + "    volumes: [{type: bind, source: /a, target: /b, binding: {}}]\n",
                        "services.web.volumes[0].binding",
                        "services.web.volumes[0].binding: unsupported key; supported: type, source, target, read_only, "
                                + "bind, volume, tmpfs, consistency"),
                Arguments.of(WEB + "    links: ['db:']\n", "services.web.links[0]",
                        "services.web.links[0]: invalid link 'db:'; write SERVICE or SERVICE:ALIAS"),
                Arguments.of(WEB + "    links: ['db:database']\n", "services.web.links[0]",
                        "services.web.links[0]: unknown service 'db'; services: web"),
                Arguments.of(WEB + "    depends_on: [db]\n", "services.web.depends_on.db",
                        "services.web.depends_on.db: unknown service; services: web"),
                Arguments.of(WEB + "    depends_on: {db: {condition: service_started}}\n", "services.web.depends_on.db",
                        "services.web.depends_on.db: unknown service; services: web"),
                Arguments.of(WEB + "    depends_on: {web2: {condition: service_started, wait: true}}\n  web2: {image: a}\n",
                        "services.web.depends_on.web2.wait",
                        "services.web.depends_on.web2.wait: unsupported key; supported: condition, restart, required"),
                Arguments.of("services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n"
                        + "  c: {image: x, depends_on: {a: {condition: service_healthy}}}\n", "services.a.depends_on",
                        "services.a.depends_on: dependency cycle: a -> b -> c -> a"),
                Arguments.of("services:\n  a: {image: x, depends_on: [a]}\n", "services.a.depends_on",
                        "services.a.depends_on: dependency cycle: a -> a"),
                Arguments.of(WEB + "    x-slipway: {wait: {prot: 8080}}\n", "services.web.x-slipway.wait.prot",
                        "services.web.x-slipway.wait.prot: unknown wait condition; valid: running, healthy, exited, "
                                + "log, port, http, all, any"),
                Arguments.of(WEB + "    x-slipway: {wait: {port: 80, log: x}}\n", "services.web.x-slipway.wait",
                        "services.web.x-slipway.wait: a wait has exactly one condition but names port and log; "
                                + "combine conditions with all or any"),
                Arguments.of(WEB + "    x-slipway: {wait: {timeout: 5s}}\n", "services.web.x-slipway.wait",
                        "services.web.x-slipway.wait: a wait needs one condition: running, healthy, exited, log, port, "
                                + "http, all, any"),
                Arguments.of(WEB + "    x-slipway: {wait: {all: [{port: 80}, {helthy: true}]}}\n",
                        "services.web.x-slipway.wait.all[1].helthy", "services.web.x-slipway.wait.all[1].helthy: "
                                + "unknown wait condition; valid: running, healthy, exited, log, port, http, all, any"),
                Arguments.of(WEB + "    x-slipway: {wait: {http: {port: 80, url: /}}}\n",
                        "services.web.x-slipway.wait.http.url",
                        "services.web.x-slipway.wait.http.url: unsupported key; supported: port, path, status"),
                Arguments.of(WEB + "    x-slipway: {wait: {running: {stabel: 2s}}}\n",
                        "services.web.x-slipway.wait.running.stabel",
                        "services.web.x-slipway.wait.running.stabel: unsupported key; supported: stable"),
                Arguments.of(WEB + "    x-slipway: {once: true}\n", "services.web.x-slipway.once",
                        "services.web.x-slipway.once: unsupported key; supported: wait, timeout, oneshot, atomic"),
                Arguments.of(WEB + "x-slipway: {exec: {}}\n", "x-slipway.exec",
                        "x-slipway.exec: unsupported key; supported: inputs, outputs, env_files"),
                Arguments.of(WEB + "x-slipway: {inputs: {http_port: {type: integer}}}\n", "x-slipway.inputs.http_port.type",
                        "x-slipway.inputs.http_port.type: unknown input type 'integer'; valid types: string, number, "
                                + "boolean, list, json"),
                Arguments.of(WEB + "x-slipway: {inputs: {http_port: {type: number, typo: 1}}}\n",
                        "x-slipway.inputs.http_port.typo", "x-slipway.inputs.http_port.typo: unsupported key; "
                                + "supported: type, default, required, secret, description"),
                Arguments.of(WEB + "x-slipway: {inputs: {http_port: {type: number, default: eighty}}}\n",
                        "x-slipway.inputs.http_port.default",
                        "x-slipway.inputs.http_port.default: input 'http_port' must be a number but was: eighty"),
                Arguments.of(WEB + "x-slipway: {inputs: {pw: {secret: true, default: [hunter2]}}}\n",
                        "x-slipway.inputs.pw.default",
                        "x-slipway.inputs.pw.default: input 'pw' must be a string but was: ******"),
                Arguments.of(WEB + "x-slipway: {inputs: {http-port: {}}}\n", "x-slipway.inputs.http-port",
                        "x-slipway.inputs.http-port: invalid input name; an input is a variable, its name matches "
                                + "[_a-zA-Z][_a-zA-Z0-9]*"),
                Arguments.of(WEB + "x-slipway: {inputs: {flag: {required: maybe}}}\n", "x-slipway.inputs.flag.required",
                        "x-slipway.inputs.flag.required: expected true or false but was 'maybe'"),
                Arguments.of(WEB + "x-slipway: {outputs: {id: {service: web, value: containerID}}}\n",
                        "x-slipway.outputs.id.value", "x-slipway.outputs.id.value: unknown output value 'containerID'; "
                                + "valid values: containerId, containerName, exitCode, status, logs"),
                Arguments.of(WEB + "x-slipway: {outputs: {id: {service: db, value: containerId}}}\n",
                        "x-slipway.outputs.id.service", "x-slipway.outputs.id.service: unknown service 'db'; services: web"),
                Arguments.of(WEB + "x-slipway: {outputs: {id: {service: web, value: containerId, as: x}}}\n",
                        "x-slipway.outputs.id.as", "x-slipway.outputs.id.as: unsupported key; supported: service, value"));
    }

    @ParameterizedTest
    @MethodSource("parseErrors")
    void parseError(String yaml, String path, String message) {
        SpecException e = parseError(yaml);
        assertEquals(message, e.getMessage());
        assertEquals(path, e.path());
    }

    static Stream<Arguments> resolveErrors() {
        return Stream.of(
                Arguments.of("    ports: ['8080:80', abc]\n", "services.web.ports[1]",
                        "services.web.ports[1]: invalid port 'abc'; a port is a number from 1 to 65535"),
                Arguments.of("    ports: ['${web_port}:80']\n", "services.web.ports[0]",
                        "services.web.ports[0]: invalid port 'eighty'; a port is a number from 1 to 65535"),
                Arguments.of("    ports: ['70000:80']\n", "services.web.ports[0]",
                        "services.web.ports[0]: invalid port '70000'; a port is a number from 1 to 65535"),
                Arguments.of("    ports: [0]\n", "services.web.ports[0]",
                        "services.web.ports[0]: invalid port '0'; a port is a number from 1 to 65535"),
                Arguments.of("    ports: ['8000-8010:80']\n", "services.web.ports[0]",
                        "services.web.ports[0]: port ranges are not supported: '8000-8010:80'"),
                Arguments.of("    ports: [{target: 80, published: 8000-8010}]\n", "services.web.ports[0].published",
                        "services.web.ports[0].published: port ranges are not supported: '8000-8010'"),
                Arguments.of("    ports: ['80/sctp']\n", "services.web.ports[0]",
                        "services.web.ports[0]: invalid protocol 'sctp'; valid: tcp, udp"),
                Arguments.of("    ports: ['1:2:3:4']\n", "services.web.ports[0]", "services.web.ports[0]: invalid port "
                        + "mapping '1:2:3:4'; write [[HOST_IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL]"),
                Arguments.of("    ports: [{published: 80}]\n", "services.web.ports[0].target",
                        "services.web.ports[0].target: a value is required"),
                Arguments.of("    ports: [{target: 80, mode: swarm}]\n", "services.web.ports[0].mode",
                        "services.web.ports[0].mode: invalid mode 'swarm'; valid: host, ingress"),
                Arguments.of("    stop_grace_period: 10 parsecs\n", "services.web.stop_grace_period",
                        "services.web.stop_grace_period: '10 parsecs' is not a duration; write e.g. 500ms, 30s, 5m or 1m30s"),
                Arguments.of("    healthcheck: {interval: 5}\n", "services.web.healthcheck.interval",
                        "services.web.healthcheck.interval: '5' is not a duration; write e.g. 500ms, 30s, 5m or 1m30s"),
                Arguments.of("    healthcheck: {test: [RUN, x]}\n", "services.web.healthcheck.test",
                        "services.web.healthcheck.test: a test list starts with CMD, CMD-SHELL or NONE"),
                Arguments.of("    healthcheck: {retries: many}\n", "services.web.healthcheck.retries",
                        "services.web.healthcheck.retries: expected an integer but was 'many'"),
                Arguments.of("    privileged: sure\n", "services.web.privileged",
                        "services.web.privileged: expected true or false but was 'sure'"),
                Arguments.of("    restart: sometimes\n", "services.web.restart", "services.web.restart: invalid restart "
                        + "policy 'sometimes'; valid: no, always, on-failure, on-failure:N, unless-stopped"),
                Arguments.of("    user: {name: x}\n", "services.web.user", "services.web.user: expected a string but was a map"),
                Arguments.of("    cap_add: NET_ADMIN\n", "services.web.cap_add",
                        "services.web.cap_add: expected a list but was 'NET_ADMIN'"),
                Arguments.of("    command: echo 'unterminated\n", "services.web.command",
                        "services.web.command: unterminated single quote in 'echo 'unterminated'"),
                Arguments.of("    environment:\n      GREETING: ${greeting\n", "services.web.environment.GREETING",
                        "services.web.environment.GREETING: invalid interpolation format \"${greeting\""),
                Arguments.of("    environment: [\"X=${required:?needs a value}\"]\n", "services.web.environment[0]",
                        "services.web.environment[0]: required variable required is missing a value: needs a value"),
                Arguments.of("    extra_hosts: [nohost]\n", "services.web.extra_hosts[0]",
                        "services.web.extra_hosts[0]: invalid extra host 'nohost'; write host:ip or host=ip"),
                Arguments.of("    volumes: ['data:/data']\n", "services.web.volumes[0]",
                        "services.web.volumes[0]: undefined volume 'data'; declare it under the top-level volumes"),
                Arguments.of("    volumes: ['./a:rel']\n", "services.web.volumes[0]",
                        "services.web.volumes[0]: invalid container path 'rel'; it must be absolute"),
                Arguments.of("    volumes: ['/a:/b:rx']\n", "services.web.volumes[0]",
                        "services.web.volumes[0]: unknown volume option 'rx' in '/a:/b:rx'; valid: ro, rw"),
                Arguments.of("    volumes: ['~me/a:/b']\n", "services.web.volumes[0]", "services.web.volumes[0]: '~me/a': "
                        + "only a leading ~ or ~/ is expanded (to the home directory); ~user is not, write an absolute path"),
                Arguments.of("    pull_policy: every_\n", "services.web.pull_policy", "services.web.pull_policy: "
                        + "invalid pull_policy 'every_': every_ takes a duration such as every_12h, every_30m or "
                        + "every_1h30m (units us, ms, s, m, h)"),
                Arguments.of("    pull_policy: every_x\n", "services.web.pull_policy", "services.web.pull_policy: "
                        + "invalid pull_policy 'every_x': every_ takes a duration such as every_12h, every_30m or "
                        + "every_1h30m (units us, ms, s, m, h)"),
                Arguments.of("    pull_policy: every_0s\n", "services.web.pull_policy", "services.web.pull_policy: "
                        + "invalid pull_policy 'every_0s': the period must be longer than 0, e.g. every_12h"),
                Arguments.of("    pull_policy: Daily\n", "services.web.pull_policy", "services.web.pull_policy: "
                        + "invalid pull_policy 'Daily'; valid: always, never, missing, if_not_present, build, daily, "
                        + "weekly, every_<duration> (e.g. every_12h, every_30m, every_1h30m)"),
                Arguments.of("    pull_policy: sometimes\n", "services.web.pull_policy", "services.web.pull_policy: "
                        + "invalid pull_policy 'sometimes'; valid: always, never, missing, if_not_present, build, daily, "
                        + "weekly, every_<duration> (e.g. every_12h, every_30m, every_1h30m)"),
                Arguments.of("    pull_policy: build\n", "services.web.pull_policy", "services.web.pull_policy: "
                        + "pull_policy 'build' needs a build section to build the image from"),
                Arguments.of("    volumes: [{type: npipe, target: /b}]\n", "services.web.volumes[0].type",
                        "services.web.volumes[0].type: invalid type 'npipe'; valid: bind, volume, tmpfs"),
                Arguments.of("    volumes: [{type: tmpfs, source: /a, target: /b}]\n", "services.web.volumes[0].source",
                        "services.web.volumes[0].source: a tmpfs mount has no source"),
                Arguments.of("    depends_on: {db: {condition: service_ready}}\n  db: {image: x}\n",
                        "services.web.depends_on.db.condition", "services.web.depends_on.db.condition: invalid "
                                + "condition 'service_ready'; valid: service_started, service_healthy, "
                                + "service_completed_successfully"),
                Arguments.of("    x-slipway: {wait: {log: '(unclosed'}}\n", "services.web.x-slipway.wait.log",
                        "services.web.x-slipway.wait.log: invalid regex '(unclosed': Unclosed group near index 9"),
                Arguments.of("    x-slipway: {wait: {port: 80, timeout: soon}}\n", "services.web.x-slipway.wait.timeout",
                        "services.web.x-slipway.wait.timeout: 'soon' is not a duration; write e.g. 500ms, 30s, 5m or 1m30s"),
                Arguments.of("    x-slipway: {timeout: 0s}\n", "services.web.x-slipway.timeout",
                        "services.web.x-slipway.timeout: a timeout must be longer than zero"),
                Arguments.of("    x-slipway: {wait: {healthy: false}}\n", "services.web.x-slipway.wait.healthy",
                        "services.web.x-slipway.wait.healthy: expected healthy: true but was 'false'"),
                Arguments.of("    x-slipway: {wait: {exited: [0, 256]}}\n", "services.web.x-slipway.wait.exited[1]",
                        "services.web.x-slipway.wait.exited[1]: invalid exit code 256; an exit code is a number from 0 to 255"),
                Arguments.of("    x-slipway: {wait: {exited: []}}\n", "services.web.x-slipway.wait.exited",
                        "services.web.x-slipway.wait.exited: exited needs at least one exit code"),
                Arguments.of("    x-slipway: {wait: {http: {path: /}}}\n", "services.web.x-slipway.wait.http.port",
                        "services.web.x-slipway.wait.http.port: a value is required"),
                Arguments.of("    x-slipway: {wait: {http: {port: 80, status: 999}}}\n",
                        "services.web.x-slipway.wait.http.status",
                        "services.web.x-slipway.wait.http.status: invalid HTTP status 999; a status is a number from 100 to 599"),
                Arguments.of("    x-slipway: {wait: {any: []}}\n", "services.web.x-slipway.wait.any",
                        "services.web.x-slipway.wait.any: needs at least one condition"),
                Arguments.of("    x-slipway: {oneshot: 1}\n", "services.web.x-slipway.oneshot",
                        "services.web.x-slipway.oneshot: expected true or false but was '1'"),
                Arguments.of("    container_name: -web\n", "services.web.container_name",
                        "services.web.container_name: invalid container name '-web'; a name matches "
                                + "[a-zA-Z0-9][a-zA-Z0-9_.-]*"),
                Arguments.of("    container_name: web1\n    deploy: {replicas: 2}\n", "services.web.container_name",
                        "services.web.container_name: a container name is one container, but the service has 2 "
                                + "replicas; remove container_name or the replicas"),
                Arguments.of("    scale: 2\n    deploy: {replicas: 3}\n", "services.web.scale",
                        "services.web.scale: scale (2) and deploy.replicas (3) disagree; keep one"),
                Arguments.of("    networks: [back]\n", "services.web.networks[0]",
                        "services.web.networks[0]: undefined network 'back'; declare it under the top-level networks"),
                Arguments.of("    network_mode: host\n    networks: [default]\n", "services.web.networks",
                        "services.web.networks: a service with network_mode joins no networks; remove one of them"),
                Arguments.of("    networks: {default: {alias: [x]}}\n", "services.web.networks.default.alias",
                        "services.web.networks.default.alias: unsupported key; supported: aliases, ipv4_address, "
                                + "ipv6_address, priority"),
                Arguments.of("    expose: [http]\n", "services.web.expose[0]", "services.web.expose[0]: invalid port "
                        + "'http'; write PORT, PORT/PROTOCOL or a range FROM-TO[/PROTOCOL], e.g. 8080 or 8000-8010/udp"),
                Arguments.of("    mem_limit: 1x\n", "services.web.mem_limit", "services.web.mem_limit: invalid size "
                        + "'1x'; write bytes or a number with b, k, m or g, e.g. 512m"),
                Arguments.of("    cpus: lots\n", "services.web.cpus",
                        "services.web.cpus: expected a number such as 0.5 but was 'lots'"),
                Arguments.of("    oom_score_adj: 2000\n", "services.web.oom_score_adj",
                        "services.web.oom_score_adj: must be from -1000 to 1000 but was 2000"),
                Arguments.of("    ulimits: {nofile: {soft: 10}}\n", "services.web.ulimits.nofile.hard",
                        "services.web.ulimits.nofile.hard: a value is required"),
                Arguments.of("    cgroup: shared\n", "services.web.cgroup",
                        "services.web.cgroup: invalid cgroup 'shared'; valid: host, private"),
                Arguments.of("    deploy: {restart_policy: {condition: sometimes}}\n",
                        "services.web.deploy.restart_policy.condition", "services.web.deploy.restart_policy.condition: "
                                + "invalid condition 'sometimes'; valid: none, on-failure, any"),
                Arguments.of("    deploy: {mode: everywhere}\n", "services.web.deploy.mode",
                        "services.web.deploy.mode: invalid mode 'everywhere'; valid: replicated, global"),
                Arguments.of("    deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}}}\n",
                        "services.web.deploy.resources.reservations.devices",
                        "services.web.deploy.resources.reservations.devices: device reservations (GPUs) are not "
                                + "supported by Slipway"),
                Arguments.of("    tmpfs: [run]\n", "services.web.tmpfs[0]",
                        "services.web.tmpfs[0]: invalid container path 'run'; it must be absolute"),
                Arguments.of("    env_file: [{path: a.env, optional: true}]\n", "services.web.env_file[0].optional",
                        "services.web.env_file[0].optional: unsupported key; supported: path, required"));
    }

    @ParameterizedTest
    @MethodSource("resolveErrors")
    void resolveError(String serviceBody, String path, String message) {
        SpecException e = resolveError(WEB + serviceBody, Inputs.builder().put("web_port", "eighty").build());
        assertEquals(message, e.getMessage());
        assertEquals(path, e.path());
    }

    @Test
    void containerIdOfAReplicatedServiceIsAnErrorNamingTheOutput() {
        String outputs = "x-slipway:\n  outputs:\n    id: {service: web, value: containerId}\n"
                + "    state: {service: web, value: status}\n";
        SpecException e = resolveError(WEB + "    scale: 3\n" + outputs, Inputs.empty());
        assertEquals("x-slipway.outputs.id.value", e.path());
        assertEquals("x-slipway.outputs.id.value: containerId names one container, but service 'web' has 3 replicas; "
                + "valid for a replicated service: status, exitCode, logs", e.getMessage());
        // One replica is one container; status of a replicated service is well defined.
        LaunchSpec.parse(WEB + "    scale: 1\n" + outputs, Path.of("/specs"), "stack.yaml").resolve(Inputs.empty());
        LaunchSpec.parse(WEB + "    scale: 3\nx-slipway:\n  outputs:\n    state: {service: web, value: status}\n",
                Path.of("/specs"), "stack.yaml").resolve(Inputs.empty());
    }

    @Test
    void secretInABadValueIsMasked() {
        String yaml = """
                x-slipway:
                  inputs:
                    db_password: {type: string, secret: true, required: true}
                services:
                  web:
                    image: busybox
                    ports: ["127.0.0.1:${db_password}:80"]
                """;
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(yaml).resolve(Inputs.builder().secret("db_password", "hunter2").build()));
        assertEquals("services.web.ports[0]: invalid port '******'; a port is a number from 1 to 65535", e.getMessage());
        assertFalse(e.toString().contains("hunter2"));
    }

    @Test
    void infiniteNumberWhereAMapBelongsIsASpecException() {
        // Found by SpecPropertyTest: YAML's 1e400 is a Double infinity, and describing it threw NumberFormatException
        // from BigDecimal.
        for (String bad : new String[] {"1e400", "-1e400"}) {
            SpecException e = assertThrows(SpecException.class, () -> LaunchSpec.parse("services:\n  web: " + bad + "\n"));
            assertTrue(e.getMessage().startsWith("services.web: expected a map but was '"), e.getMessage());
        }
    }

    @Test
    void infiniteNumbersResolveAsYamlSpellsThem() {
        ResolvedSpec r = LaunchSpec.parse(WEB + "    environment: {A: 1e400, B: -1e400}\n").resolve(Inputs.empty());
        assertEquals(java.util.Map.of("A", ".inf", "B", "-.inf"), r.services().get(0).environment());
    }

    @Test
    void pieceOfASecretSplitByAParserIsMasked() {
        // Found by SpecPropertyTest: a volume split at ':' named the part of the secret after it.
        String yaml = """
                x-slipway:
                  inputs:
                    db_password: {type: string, secret: true, required: true}
                services:
                  web:
                    image: busybox
                    volumes: ["data:${db_password}:ro"]
                """;
        SpecException e = assertThrows(SpecException.class, () -> LaunchSpec.parse(yaml)
                .resolve(Inputs.builder().secret("db_password", "hunter2:correct-horse-battery").build()));
        assertFalse(e.getMessage().contains("correct-horse-battery"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().startsWith("services.web.volumes[0]: "), e.getMessage());
    }

    @Test
    void secretInAnInterpolationErrorIsMaskedAndNotChained() {
        String yaml = WEB + "    environment:\n      URL: \"${DB_URL:?cannot connect with ${pw}}\"\n";
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(yaml).resolve(Inputs.builder().secret("pw", "s3cr3t").build()));
        assertEquals("services.web.environment.URL: required variable DB_URL is missing a value: cannot connect with ******",
                e.getMessage());
        assertEquals(null, e.getCause());
    }

    @Test
    void secretInABadRegexIsMasked() {
        String yaml = WEB + "    x-slipway: {wait: {log: \"(${pw}\"}}\n";
        SpecException e = assertThrows(SpecException.class,
                () -> LaunchSpec.parse(yaml).resolve(Inputs.builder().secret("pw", "s3cr3t").build()));
        assertTrue(e.getMessage().startsWith("services.web.x-slipway.wait.log: invalid regex '(******': "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    @Test
    void wrongInputTypeIsAnInputError() {
        String yaml = "x-slipway:\n  inputs:\n    http_port: {type: number}\n" + WEB;
        InputException e = assertThrows(InputException.class,
                () -> LaunchSpec.parse(yaml).resolve(Inputs.builder().put("http_port", "eighty").build()));
        assertEquals("http_port", e.input());
        assertEquals("input 'http_port' must be a number but was: eighty", e.getMessage());
    }

    @Test
    void jsonSyntaxErrorsAreReported() {
        SpecException e = parseError("{\"services\": {\"web\": {\"image\": \"busybox\"}}");
        assertEquals("stack.yaml: line 1, column 43: expected ',' or '}', but got <stream end>", e.getMessage());
    }
}
