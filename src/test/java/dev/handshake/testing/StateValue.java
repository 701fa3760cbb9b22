package dev.handshake.testing;

import java.util.Objects;

/** The value of one input element in a submitted modal's {@code view.state.values}. */
public sealed interface StateValue {

    /** A {@code plain_text_input}; a null value is what Slack sends for an empty optional input. */
    static StateValue plainText(String value) {
        return new PlainText(value);
    }

    /** A {@code static_select} with the chosen option's value and its label. */
    static StateValue staticSelect(String value, String label) {
        return new StaticSelect(value, label);
    }

    /** A {@code users_select} with the chosen member. */
    static StateValue usersSelect(String userId) {
        return new UsersSelect(userId);
    }

    /** {@code {"type":"users_select","selected_user":...}}. */
    record UsersSelect(String userId) implements StateValue {}

    /** {@code {"type":"plain_text_input","value":...}}. */
    record PlainText(String value) implements StateValue {}

    /** {@code {"type":"static_select","selected_option":{"text":{...},"value":...}}}. */
    record StaticSelect(String value, String label) implements StateValue {
        public StaticSelect {
            Objects.requireNonNull(value, "value == null");
            Objects.requireNonNull(label, "label == null");
        }
    }
}
