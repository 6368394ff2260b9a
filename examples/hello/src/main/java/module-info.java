/** The hello example, runnable on the module path: it names no backend module; the core finds them by service. */
module io.slipway.examples.hello {
    requires io.slipway.core;
}
