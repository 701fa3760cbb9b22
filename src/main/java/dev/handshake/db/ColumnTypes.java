package dev.handshake.db;

import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * How the app's values are stored: an {@link Instant} as epoch milliseconds (an INTEGER, the same on SQLite and
 * PostgreSQL), read back as an {@code Instant} (null stays null); enums by name (Jdbi's default).
 */
public final class ColumnTypes implements JdbiPlugin {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new InstantAsEpochMillis());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    private static final class InstantAsEpochMillis extends AbstractArgumentFactory<Instant> {

        InstantAsEpochMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
