/**
 * Heat software-config hook mode, the protocol: Slipway as a drop-in for heat-config's {@code docker-compose},
 * {@code docker-cmd} and {@code atomic} hooks, plus the tool-agnostic {@code slipway} group. A hook gets one
 * deployment item ({@link io.slipway.heat.HookItem}) as JSON on stdin and writes exactly one JSON object
 * ({@link io.slipway.heat.HookResponse}) on stdout; {@link io.slipway.heat.Hooks} is the entry point that
 * guarantees nothing else reaches stdout and that every failure still yields that object. Heat's values
 * ({@link io.slipway.heat.HeatValues}), the dispatcher's file and the responses' summaries live here too; the groups
 * are in {@link io.slipway.heat.group}, the tools they drive in {@code io.slipway.heat.tool}.
 */
package io.slipway.heat;
