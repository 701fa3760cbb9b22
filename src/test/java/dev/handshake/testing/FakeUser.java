package dev.handshake.testing;

import java.util.Objects;

/** A workspace member known to {@link FakeSlack}, found by {@code users.lookupByEmail} and {@code users.info}. */
record FakeUser(String id, String email, String name, String realName, String tz) {

    FakeUser {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(realName, "realName == null");
        Objects.requireNonNull(tz, "tz == null");
    }

    /** A member nobody registered: Slack would know them, so the fake invents a plausible profile. */
    static FakeUser unregistered(String id) {
        return new FakeUser(id, null, id.toLowerCase(java.util.Locale.ROOT), "User " + id, "America/New_York");
    }
}
