package io.slipway.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers the extension on a class whose deployments are all {@link Deployed} fields, and says what to do when no
 * engine answers. ({@link SlipwayDeployment} and {@link Deployed} register it too.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SlipwayExtension.class)
public @interface Slipway {

    /**
     * Skip the class, naming the engine tried and its error, when a backend it declares cannot be opened: the backends
     * of its {@link SlipwayDeployment} and its static {@link Deployed} fields, and {@link #backend()}.
     */
    boolean disabledWithoutEngine() default false;

    /**
     * The backend {@link #disabledWithoutEngine()} tries besides the declared ones (instance fields are declared only
     * when a test runs); empty: Slipway's default rule.
     */
    String backend() default "";
}
