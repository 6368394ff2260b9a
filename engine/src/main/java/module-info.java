/**
 * What the Engine-API backends share: the engine connection and API negotiation, events and waits, labels, image
 * pulls and builds, secret files, deployment locks and the shared options. docker-java's jars are automatic
 * modules; its types appear in this module's API, so they are required transitively.
 */
module io.slipway.engine {
    requires transitive io.slipway.core;
    requires transitive com.github.dockerjava.api;
    requires com.github.dockerjava.core;
    requires com.github.dockerjava.transport;
    requires com.github.dockerjava.transport.httpclient5;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.compress;
    requires org.slf4j;
    requires java.net.http;
    // docker-java's jars are automatic modules, which declare no dependencies: the explicit modules docker-java-core
    // uses are required here only so that `java -p ... -m` resolves them (without, its first call fails with
    // NoClassDefFoundError: com/google/common/base/Preconditions).
    requires com.google.common;
    requires org.apache.commons.io;
    requires org.apache.commons.lang3;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports io.slipway.engine;
}
