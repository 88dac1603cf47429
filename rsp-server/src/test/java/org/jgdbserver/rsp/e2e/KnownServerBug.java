package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that fails because of a bug of our server (what the value says), not of the test:
 * skipped, as {@code @Disabled("server bug: ...")}, so it does not block the build; run it with
 * {@code -Djgdb.e2e.bugs=run}. Under {@code -Djgdb.e2e.server=gdbserver} it always runs (it
 * must pass against GNU gdbserver).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KnownServerBug.Condition.class)
@interface KnownServerBug {
    String value();

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getElement()
                    .flatMap(e -> AnnotationSupport.findAnnotation(e, KnownServerBug.class))
                    .map(bug -> E2e.reference() || "run".equals(System.getProperty("jgdb.e2e.bugs"))
                            ? ConditionEvaluationResult.enabled("known server bug, run anyway: " + bug.value())
                            : ConditionEvaluationResult.disabled("server bug: " + bug.value()))
                    .orElse(ConditionEvaluationResult.enabled("no known server bug"));
        }
    }
}
