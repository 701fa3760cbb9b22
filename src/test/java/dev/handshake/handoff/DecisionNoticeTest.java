package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.CHICAGO;
import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DecisionNoticeTest {

    /** 10:42 in Chicago. */
    private static final Instant AT = Instant.parse("2025-03-04T16:42:00Z");

    @Test
    void alreadyAcceptedSaysByWhomAndWhenInTheViewersTime() {
        Handoff h = handoff().accepted(REP, AT).build();

        assertThat(DecisionNotices.alreadyDecided(h, CHICAGO))
                .isEqualTo("Already accepted by <@U0REP0001> at <!date^1741106520^{time}|10:42>.");
        assertThat(DecisionNotices.alreadyDecided(h, ZoneOffset.UTC))
                .isEqualTo("Already accepted by <@U0REP0001> at <!date^1741106520^{time}|16:42>.");
    }

    @Test
    void alreadyRejectedSaysSoToo() {
        Handoff h = handoff().rejected(REP, AT, "Bad contact data", null).build();

        assertThat(DecisionNotices.alreadyDecided(h, CHICAGO))
                .isEqualTo("Already rejected by <@U0REP0001> at <!date^1741106520^{time}|10:42>.");
    }

    @Test
    void pendingHandoffIsNotAlreadyDecided() {
        assertThatThrownBy(() -> DecisionNotices.alreadyDecided(handoff().build(), CHICAGO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notAllowedNamesTheAssignee() {
        assertThat(DecisionNotices.notAllowed(handoff().build())).isEqualTo(
                "Only <@U0REP0001> can accept or reject this lead (the agreement says the assignee decides).");
        assertThat(DecisionNotices.notAllowed(handoff().assignee("<!channel>").build()))
                .startsWith("Only &lt;!channel&gt; can accept");
    }

    @Test
    void fixedTexts() {
        assertThat(DecisionNotices.unknownHandoff()).isEqualTo("This lead is no longer in Handshake.");
        assertThat(DecisionNotices.tryAgain())
                .isEqualTo("Handshake is busy saving another change — please click again in a moment.");
    }

    @Test
    void alreadyContactedSaysByWhomAndWhen() {
        Handoff h = handoff().accepted(REP, AT).sla(new SlaState(0, null, null, AT, REP, null)).build();

        assertThat(DecisionNotices.alreadyContacted(h, CHICAGO))
                .isEqualTo("Already marked contacted by <@U0REP0001> at <!date^1741106520^{time}|10:42>.");
        assertThat(DecisionNotices.alreadyContacted(h, ZoneOffset.UTC))
                .isEqualTo("Already marked contacted by <@U0REP0001> at <!date^1741106520^{time}|16:42>.");
    }

    @Test
    void alreadyContactedEscapesTheContactAndRefusesALeadNotContacted() {
        Handoff hostile = handoff().accepted(REP, AT).sla(new SlaState(0, null, null, AT, "<!channel>", null)).build();

        assertThat(DecisionNotices.alreadyContacted(hostile, CHICAGO))
                .isEqualTo("Already marked contacted by &lt;!channel&gt; at <!date^1741106520^{time}|10:42>.");
        assertThatThrownBy(() -> DecisionNotices.alreadyContacted(handoff().accepted(REP, AT).build(), CHICAGO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notYoursNamesTheRepWhoAccepted() {
        Handoff h = handoff().assignee("U0OTHER001").accepted(REP, AT).build();

        assertThat(DecisionNotices.notYours(h))
                .isEqualTo("Only <@U0REP0001> (who accepted this lead) can mark it contacted.");
        assertThat(DecisionNotices.notYours(handoff().accepted("<!here>", AT).build()))
                .isEqualTo("Only &lt;!here&gt; (who accepted this lead) can mark it contacted.");
        assertThat(DecisionNotices.notYours(handoff().build()))
                .isEqualTo("Only the rep who accepted this lead can mark it contacted.");
    }
}
