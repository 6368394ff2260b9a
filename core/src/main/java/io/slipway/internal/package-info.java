/** Implementation details of the core: config-string splitting and the provider registry. Not API. */
package io.slipway.internal;
