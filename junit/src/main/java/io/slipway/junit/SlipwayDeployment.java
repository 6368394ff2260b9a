package io.slipway.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deployment for a test class: applied before its first test (before {@code @BeforeAll} methods) with the spec's own
 * waits, deleted after its last (whether the tests passed or not) unless {@link #keep}. A failed apply fails the class
 * with each service's outcome and log tail. The tests get it as a {@link Deployment} or {@link io.slipway.LaunchResult}
 * parameter, or in a {@link Deployed} field of type {@code Deployment} left null.
 *
 * <pre>{@code
 * @SlipwayDeployment(spec = "web.yaml", backend = "compose", inputs = "greeting=hi")
 * class WebIT {
 *     @Test
 *     void answers(Deployment d) throws Exception {
 *         try (Socket s = new Socket("127.0.0.1", d.hostPort("web", 8080))) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Inherited by subclasses: each class gets its own deployment, unless {@link #shared} names one, which is applied
 * once per run, by the first class that needs it, and deleted at the end of the run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SlipwayExtension.class)
public @interface SlipwayDeployment {

    /**
     * The spec: a file path (relative to the working directory) or, when no such file exists or it starts with
     * {@code classpath:}, a class-path resource of the test class.
     */
    String spec();

    /**
     * The backend's config string, e.g. {@code compose} or {@code docker-run:tcp://host:2376}; empty: Slipway's default
     * rule ({@code SLIPWAY_LAUNCHER}, then {@code -Dslipway.launcher}, then {@code docker-run}).
     */
    String backend() default "";

    /** Inputs as {@code name=value}, as on the command line's {@code -i}. */
    String[] inputs() default {};

    /** The first part of the deployment's name; the rest is the class's name and a part unique to the run. */
    String namePrefix() default Declaration.DEFAULT_PREFIX;

    /** Keep the deployment after the tests (and after a failed apply), to look at it; also {@code -Dslipway.keep=true}. */
    boolean keep() default false;

    /** How long the whole apply may take, as a Compose duration ({@code 90s}, {@code 5m}). */
    String timeout() default "5m";

    /**
     * A name under which the deployment is shared by every class that declares it: applied once per run and deleted
     * at its end. Every declaration of one name must be equal. Empty: the class's own deployment.
     */
    String shared() default "";

    /**
     * Skip the class, naming the engine tried and its error, when the backend cannot be opened (no engine answers)
     * instead of failing it.
     */
    boolean disabledWithoutEngine() default false;
}
