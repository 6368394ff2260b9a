package io.slipway;

/** What an apply would do to one service, network, volume or secret ({@link DeploymentPlan}). */
public enum PlanAction {
    /** It does not exist yet: the apply creates it. */
    CREATE,
    /** It exists with another config: the apply removes it and creates it anew. */
    REPLACE,
    /** It exists as the spec wants it: the apply leaves it (and waits for it). */
    UNCHANGED,
    /** The spec no longer has it: the apply removes it. */
    REMOVE;

    /** The lower-case word the command line and JSON use: {@code create}, {@code replace}, … */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
