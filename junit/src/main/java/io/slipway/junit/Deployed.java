package io.slipway.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a field of type {@link Deployment}. Holding a declaration ({@code Deployment.of("web.yaml")...}), it is started
 * by the extension: an instance field for each test, deleted after it; a static field of the test class once for the
 * class, deleted after its last test; a static field of a superclass, or a declaration with a
 * {@link Deployment#shared shared} name, once for the run, deleted at its end. Left null, it is given the class's
 * {@link SlipwayDeployment}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SlipwayExtension.class)
public @interface Deployed {
}
