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
 * A test of a class run over each {@link Transport} that the transport makes no difference to ({@link #value} says
 * why: no Slack request takes part, or its listeners run over Socket Mode in other tests): it is skipped over Socket
 * Mode on SQLite, which the run over HTTP on SQLite covers, and runs on PostgreSQL whatever the transport, since the
 * database does make a difference. Skipped before the test's app starts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ExtendWith(HttpOnly.OverSocketModeSkipped.class)
@interface HttpOnly {

    String value();

    /** Skips the test when the instance's {@link Transport} (on SQLite) or {@link Setup} says Socket Mode on SQLite. */
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
                        Setup setup = value instanceof Setup given ? given
                                : value == Transport.SOCKET_MODE ? Setup.SOCKET_MODE_ON_SQLITE : Setup.HTTP_ON_SQLITE;
                        if (setup == Setup.SOCKET_MODE_ON_SQLITE) {
                            return ConditionEvaluationResult.disabled("over HTTP on SQLite, and on PostgreSQL: "
                                    + httpOnly.value());
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
