package dev.augur.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric command-line option accepts, checked by {@link Flags} as the option is parsed, before any
 * work starts or anything is allocated. Every numeric option of every command carries one: {@link Flags} refuses to
 * build a command line that has a numeric option without it. Non-finite numbers are always refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface FlagRange {
    /** The smallest value accepted. */
    double min() default Double.NEGATIVE_INFINITY;

    /** The largest value accepted; the default bounds sizes to what an array can index. */
    double max() default Integer.MAX_VALUE;

    /** {@code min} itself is refused: for rates, durations and scales that must be positive. */
    boolean minExcluded() default false;
}
