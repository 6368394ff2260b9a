package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.engine.Labels;
import io.slipway.spec.ShellWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Slipway knows of one atomic service between applies, kept where the engine keeps it: in the labels
 * of an empty named volume, {@code slipway-atomic.<NAME>} (NAME being {@code <deployment>-<service>}, the
 * container's name). A container started by an
 * image's RUN label carries no labels of Slipway's, so the record is how {@code status} and {@code delete}
 * find it (by name), how {@code delete} knows the image whose UNINSTALL label to run and with which options,
 * and how a re-apply knows that INSTALL already ran (atomic keeps the same in /var/lib/atomic/install.json).
 * Secret option values are not recorded.
 *
 * @param deployment the deployment
 * @param service the service
 * @param name the container name ({@code $NAME})
 * @param image the image reference ({@code $IMAGE})
 * @param imageId the image's id when last applied
 * @param pwd the spec's directory ({@code $PWD})
 * @param opts recorded OPT1..OPT3 values by variable name, each as shell-quoted words
 * @param install whether the service's INSTALL/UNINSTALL labels are used ({@code x-slipway.atomic.install})
 * @param oneshot whether the service is a one-shot task ({@code x-slipway.oneshot}), which {@code resume} does
 *     not run again (a container a RUN label started carries no label saying so)
 * @param installed the hash of the INSTALL command that ran, or null
 * @param runHash the hash of the run command that started the container, or null
 * @param runDigests the digests of that command's settings ({@link io.slipway.spi.ConfigDigests#encode}), or null (not
 *     recorded before Slipway recorded them)
 */
record ServiceRecord(String deployment, String service, String name, String image, String imageId, String pwd,
        Map<String, String> opts, boolean install, boolean oneshot, String installed, String runHash,
        String runDigests) {

    /** Marks a record volume. */
    static final String RECORD = "io.slipway.atomic.record";
    private static final String P = "io.slipway.atomic.";

    ServiceRecord {
        opts = Map.copyOf(opts);
    }

    /** The volume's name: unique wherever the container name is. */
    static String volumeName(String deployment, String service) {
        return "slipway-atomic." + deployment + "-" + service;
    }

    /** A copy with the INSTALL hash. */
    ServiceRecord withInstalled(String hash) {
        return new ServiceRecord(deployment, service, name, image, imageId, pwd, opts, install, oneshot, hash, runHash,
                runDigests);
    }

    /** A copy with the run command's hash and digests (both null: no run command started the container). */
    ServiceRecord withRun(String hash, String digests) {
        return new ServiceRecord(deployment, service, name, image, imageId, pwd, opts, install, oneshot, installed, hash,
                digests);
    }

    /** The recorded options as substitution values. */
    Map<String, Substitution.Value> optionValues() {
        Map<String, Substitution.Value> out = new LinkedHashMap<>();
        opts.forEach((k, v) -> out.put(k, Substitution.Value.words(ShellWords.split(v))));
        return out;
    }

    /** Writes the record, replacing the previous one. */
    void save(DockerClient docker) {
        String volume = volumeName(deployment, service);
        try {
            docker.removeVolumeCmd(volume).exec();
        } catch (NotFoundException e) {
            // first save
        }
        Map<String, String> l = new LinkedHashMap<>();
        l.put(Labels.DEPLOYMENT, deployment);
        l.put(Labels.SERVICE, service);
        l.put(Labels.BACKEND, AtomicProvider.NAME);
        l.put(RECORD, "true");
        l.put(P + "name", name);
        l.put(P + "image", image);
        l.put(P + "image-id", imageId);
        l.put(P + "pwd", pwd);
        l.put(P + "install", Boolean.toString(install));
        l.put(P + "oneshot", Boolean.toString(oneshot));
        opts.forEach((k, v) -> l.put(P + k.toLowerCase(java.util.Locale.ROOT), v));
        if (installed != null) {
            l.put(P + "installed", installed);
        }
        if (runHash != null) {
            l.put(Labels.CONFIG_HASH, runHash);
        }
        if (runDigests != null) {
            l.put(Labels.CONFIG_DIGESTS, runDigests);
        }
        docker.createVolumeCmd().withName(volume).withLabels(l).exec();
    }

    /** Removes the record of {@code service}, if there is one. */
    static void remove(DockerClient docker, String deployment, String service) {
        try {
            docker.removeVolumeCmd(volumeName(deployment, service)).exec();
        } catch (NotFoundException e) {
            // none
        }
    }

    /** Every record of {@code deployment}. */
    static List<ServiceRecord> list(DockerClient docker, String deployment) {
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(RECORD + "=true", Labels.DEPLOYMENT + "=" + deployment)).exec().getVolumes();
        List<ServiceRecord> out = new ArrayList<>();
        if (volumes != null) {
            for (InspectVolumeResponse v : volumes) {
                out.add(of(v.getLabels()));
            }
        }
        return out;
    }

    private static ServiceRecord of(Map<String, String> l) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            String v = l.get(P + "opt" + i);
            if (v != null) {
                opts.put("OPT" + i, v);
            }
        }
        return new ServiceRecord(l.get(Labels.DEPLOYMENT), l.get(Labels.SERVICE), l.get(P + "name"), l.get(P + "image"),
                l.get(P + "image-id"), l.get(P + "pwd"), opts, !"false".equals(l.get(P + "install")),
                "true".equals(l.get(P + "oneshot")), l.get(P + "installed"), l.get(Labels.CONFIG_HASH),
                l.get(Labels.CONFIG_DIGESTS));
    }

    /** Names only: nothing secret is recorded, but option values are the user's. */
    @Override
    public String toString() {
        return "ServiceRecord[" + deployment + "/" + service + ", name=" + name + ", image=" + image + "]";
    }
}
