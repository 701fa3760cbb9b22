package dev.handshake.wiring;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.Replies;
import dev.handshake.slack.SlackWebApi;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The parts every capability builds on: the agreement and its business hours, the clock, the database with its one
 * writer ({@code writes}), the outbox, Slack's Web API, replies to a user, and the executor for work after an ack.
 */
public record Foundation(Agreement agreement, BusinessHours hours, Clock clock, Database database,
        Transactions writes, Outbox outbox, SlackWebApi slack, Replies replies, AfterAck afterAck) {

    public Foundation {
        Objects.requireNonNull(agreement, "agreement == null");
        Objects.requireNonNull(hours, "hours == null");
        Objects.requireNonNull(clock, "clock == null");
        Objects.requireNonNull(database, "database == null");
        Objects.requireNonNull(writes, "writes == null");
        Objects.requireNonNull(outbox, "outbox == null");
        Objects.requireNonNull(slack, "slack == null");
        Objects.requireNonNull(replies, "replies == null");
        Objects.requireNonNull(afterAck, "afterAck == null");
    }

    /** The agreement's time zone: where "today" and a quarter begin. */
    public ZoneId zone() {
        return agreement.calendar().zone();
    }
}
