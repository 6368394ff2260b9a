package io.slipway.compose;

import io.slipway.LaunchListener;
import io.slipway.ServiceResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listener must not break an apply: what it throws is logged and dropped. */
final class SafeListener implements LaunchListener {

    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final LaunchListener delegate;

    SafeListener(LaunchListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void waiting(String service, String containerName, String condition) {
        try {
            delegate.waiting(service, containerName, condition);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }

    @Override
    public void building(String service, String line) {
        try {
            delegate.building(service, line);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }

    @Override
    public void finished(ServiceResult result) {
        try {
            delegate.finished(result);
        } catch (RuntimeException e) {
            LOG.debug("Launch listener failed", e);
        }
    }
}
