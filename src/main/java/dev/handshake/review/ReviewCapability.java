package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.ask.Acknowledgement;
import dev.handshake.chart.PeriodChart;
import dev.handshake.ask.AnswerContext;
import dev.handshake.lifecycle.Managed;
import dev.handshake.stats.Stats;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The review capability: reminders of the agreement's reviews and their modal, the versioned agreement, its
 * announcements and acknowledgements.
 */
public final class ReviewCapability {

    private final ReviewSchedule schedule;
    private final AgreementVersions versions;
    private final long versionId;
    private final Agreement agreement;
    private final Clock clock;

    private ReviewCapability(ReviewSchedule schedule, AgreementVersions versions, long versionId,
            Agreement agreement, Clock clock) {
        this.schedule = schedule;
        this.versions = versions;
        this.versionId = versionId;
        this.agreement = agreement;
        this.clock = clock;
    }

    /**
     * {@code version} is the agreement version in force, registered at start-up; {@code charts} draws the chart each
     * review posts in its thread.
     */
    public static ReviewCapability wire(Foundation base, Wiring wiring, AgreementVersion version, Stats stats,
            PeriodChart charts) {
        ReviewSchedule schedule = new ReviewSchedule(base.agreement().review(), base.hours());
        ReviewStore store = new ReviewStore(base.database().jdbi(), base.writes(), base.outbox());
        ReviewReminders reminders = new ReviewReminders(store, schedule, stats, charts, base.agreement(),
                base.clock());
        AgreementVersions versions = new AgreementVersions(base.database().jdbi(), base.writes(), base.outbox());
        Announcements announcements = new Announcements(versions, base.agreement(), base.slack(), base.clock());
        wiring.handlers(outbox -> reminders.register(outbox, base.slack()));
        wiring.handlers(announcements::register);
        wiring.listeners(new AcknowledgeListener(versions, base.agreement(), base.replies(), base.clock())::register);
        wiring.listeners(new ReviewListeners(store, base.agreement(), base.slack(), base.afterAck(), base.replies(),
                base.clock())::register);
        wiring.part("review reminders", Managed.of(reminders::start, reminders::close));
        return new ReviewCapability(schedule, versions, version.id(), base.agreement(), base.clock());
    }

    /** When the agreement is next reviewed, as the App Home shows it. */
    public ReviewSchedule schedule() {
        return schedule;
    }

    /** Today in the agreement's calendar: whether the goals' period has ended, for {@code /sla goals}. */
    public LocalDate today() {
        return schedule.today(clock.instant());
    }

    /** What {@code /sla terms} shows beside the agreement: the next review, and who acknowledged the version. */
    public AnswerContext termsContext() {
        List<Acknowledgement> acks = versions.acks(versionId).stream().map(ack -> new Acknowledgement(ack.userId(),
                (ack.role().equals("marketing") ? agreement.owners().marketing() : agreement.owners().sales()).name(),
                ack.at().atZone(agreement.calendar().zone()).toLocalDate())).toList();
        return new AnswerContext(schedule.next(clock.instant()).toLocalDate(), acks);
    }
}
