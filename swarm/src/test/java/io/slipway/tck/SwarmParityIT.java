package io.slipway.tck;

import io.slipway.swarm.SwarmMode;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared parity specs on swarm. In the contract's package so that it can override the cases that have no
 * meaning on a swarm, each with its reason (JUnit reports them as skipped with it).
 */
@ExtendWith(SwarmMode.class)
class SwarmParityIT extends LauncherParityContract {

    @Override
    protected String config() {
        return "swarm";
    }

    @Override
    @Test
    @Disabled("container_name has no meaning on a swarm (it names task containers itself): the swarm backend refuses "
            + "the key before anything is created (SwarmLauncherIT.keysWithNoSwarmMeaning...)")
    void aContainerNameAnotherContainerHasFailsNamingItAndThatContainerIsNotTouched() {
    }

    @Override
    @Test
    @Disabled("the spec names container_name (refused on a swarm); service names and aliases resolve on overlay "
            + "networks as in docker stack deploy")
    void networksIsolateAndAliasesResolve() {
    }

    @Override
    @Test
    @Disabled("the spec uses single-engine keys (domainname, cap_add, sysctls, ...) a swarm task spec has no field for: "
            + "refused by name before anything is created")
    void engineKeysReachTheContainer() {
    }

    @Override
    @Test
    @Disabled("the contract's external network is a local bridge network: swarm services join only swarm-scoped "
            + "(overlay) networks, so the engine refuses it")
    void anExternalNetworkAndVolumeSurviveDelete() {
    }

    @Override
    @Test
    @Disabled("runtime and platform are refused by the swarm backend before anything starts (a swarm task's runtime "
            + "names a plugin), so there is no failed service to compare")
    void aRuntimeTheEngineLacksFailsNamingIt() {
    }

    @Override
    @Test
    @Disabled("the spec waits on port 8080 without publishing it: on a swarm Slipway reaches a task only through a "
            + "host-mode published port, so the wait is an error naming it")
    void longRunningServiceWithPortWait() {
    }

    @Override
    @Test
    @Disabled("suspend scales a swarm service to 0: its tasks are removed (no 'exited' container remains) and resume "
            + "makes new tasks, new containers; SwarmLauncherIT.suspendScalesToZeroAndResumeBack checks that")
    void suspendStopsTheServiceAndResumeStartsItButNotTheTask() {
    }

    @Override
    @Test
    @Disabled("not done yet on swarm: an engine lost while services are being created ends the apply with an "
            + "exception instead of a result per service")
    void anEngineThatStopsAnsweringGivesEveryServiceAResultAndOneThatComesBackIsWaitedFor() {
    }

    /** A swarm never creates a bind mount's host path: the key is refused by name before anything is created. */
    @Override
    protected boolean honoursCreateHostPath() {
        return false;
    }

    /** The spec's bridge network is one engine's: refused by name on a swarm, before anything is created. */
    @Override
    @Test
    void networkKeysReachTheEngineAndTheContainers() {
        io.slipway.spec.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(io.slipway.spec.SpecException.class,
                () -> applyFresh(spec("network-keys.yaml"), io.slipway.inputs.Inputs.builder().put("run", "swarm").build()));
        org.junit.jupiter.api.Assertions.assertEquals("networks.zeta.driver", e.path(), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("overlay"), e.getMessage());
    }

    @Override
    @Test
    @Disabled("the swarm backend has no on-failure option: a failed service's tasks belong to the swarm, which retries "
            + "them by its restart_policy; delete removes the services, networks and secrets of the deployment "
            + "(SwarmLauncherIT checks that)")
    void aFailedApplyWithOnFailureRemoveLeavesNothingItCreated() {
    }

    @Override
    @Test
    @Disabled("the spec names container_name and single-engine keys (ipc, cgroup, devices, ...) a swarm task spec has "
            + "no field for: the swarm backend refuses each by name before anything is created")
    void engineKeysShowInTheContainersInspectData() {
    }
}
