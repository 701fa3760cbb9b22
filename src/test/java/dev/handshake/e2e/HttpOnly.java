package dev.handshake.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test of a class run over each {@link Transport} that runs over HTTP only, because the transport makes no
 * difference to it ({@link #value} says why: no Slack request takes part, or its listeners run over Socket Mode in
 * other tests). Skipped before the test's app starts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ExtendWith(HttpOnly.OverSocketModeSkipped.class)
@interface HttpOnly {

    String value();

    /** Skips the test when the instance's {@link Transport} (or {@link Setup}) field says Socket Mode. */
    final class OverSocketModeSkipped implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            HttpOnly httpOnly = context.getRequiredTestMethod().getAnnotation(HttpOnly.class);
            Object test = context.getRequiredTestInstance();
            for (Field field : test.getClass().getDeclaredFields()) {
                if (field.getType() == Transport.class || field.getType() == Setup.class) {
                    try {
                        field.setAccessible(true);
                        Object value = field.get(test);
                        Transport transport = value instanceof Setup setup ? setup.transport() : (Transport) value;
                        if (transport == Transport.SOCKET_MODE) {
                            return ConditionEvaluationResult.disabled("over HTTP only: " + httpOnly.value());
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return ConditionEvaluationResult.enabled("over HTTP, or a test with one transport");
        }
    }
}
