/**
 * Deployment inputs: typed, optionally secret values ({@link io.slipway.inputs.Inputs}), their declarations
 * in a spec, and their validated form as interpolation variables ({@link io.slipway.inputs.Variables}),
 * which also masks secrets in anything shown.
 */
package io.slipway.inputs;
