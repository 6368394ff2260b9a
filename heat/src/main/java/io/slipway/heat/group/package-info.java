/**
 * The hook groups ({@link io.slipway.heat.group.HookGroup}): {@code docker-compose}, {@code docker-cmd}, {@code atomic}
 * and {@code slipway}, each turning a deployment item into a response, with what only one group needs (the
 * {@code docker-cmd} cleanup, the {@code docker-compose} CLI mode, the {@code slipway} group's inputs and spec text).
 */
package io.slipway.heat.group;
