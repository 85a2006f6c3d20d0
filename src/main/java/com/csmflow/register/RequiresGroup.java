package com.csmflow.register;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a domain API controller method (or class): the caller must be a member of at least one of these
 * engine groups, or gets 403. Checked by {@link GroupAccessInterceptor} BEFORE the request body is read
 * and validated, so a caller without the role learns nothing from validation messages.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresGroup {

    /** Group ids, e.g. {@code "csm"}, {@code "camunda-admin"}. */
    String[] value();
}
