package org.dsa110.contimg.contract.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test (class or method) that reads the UVH5 reference corpus ({@link ReferenceCorpus}): it runs where the corpus
 * is, and is reported as skipped, with the one-line reason, where it is not. CI checks for the corpus before the
 * build ({@code .ci/run}), so there a skip cannot hide.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresCorpus.Condition.class)
public @interface RequiresCorpus {

    /** Enables the test where the corpus is found. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return ReferenceCorpus.find().isPresent()
                    ? ConditionEvaluationResult.enabled("UVH5 reference corpus at " + ReferenceCorpus.root())
                    : ConditionEvaluationResult.disabled(ReferenceCorpus.missingReason());
        }
    }
}
