package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReassignNoticeTest {

    private static final String NEXT_REP = "U0REP0002";
    private final Agreement agreement = agreement().build();

    @Test
    void namesBothRepsAndTheNewDeadline() {
        Handoff h = handoff().assignee(NEXT_REP).build();

        Rendered rendered = ReassignNotice.thread(h, agreement, REP, NEXT_REP);

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("Reassigned to <@U0REP0002> after "
                + "<@U0REP0001> missed the deadline. New deadline: "
                + "<!date^1741114800^{date_short_pretty} at {time}|2025-03-04 13:00 America/Chicago>.");
        assertThat(rendered.text()).isEqualTo("Reassigned to <@U0REP0002> after <@U0REP0001> missed the deadline. "
                + "New deadline: 2025-03-04 13:00 America/Chicago.");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP, NEXT_REP));
    }

    @Test
    void withoutPreviousRepSaysNobodyDecided() {
        Rendered rendered = ReassignNotice.thread(handoff().assignee(NEXT_REP).build(), agreement, null, NEXT_REP);

        assertThat(rendered.text()).startsWith("Reassigned to <@U0REP0002> because nobody decided by the deadline. "
                + "New deadline: 2025-03-04");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(NEXT_REP));
    }

    @Test
    void hostileIdsAndLeadCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, null, null, null, null, null);

        Rendered rendered = ReassignNotice.thread(handoff().lead(hostile).build(), agreement, "<!here>", "<!everyone>");

        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
        assertThat(rendered.text())
                .startsWith("Reassigned to &lt;!everyone&gt; after &lt;!here&gt; missed the deadline.");
    }

    @Test
    void hugeIdsStayWithinLimits() {
        String huge = RenderJson.huge(100_000, true);

        Rendered rendered = ReassignNotice.thread(handoff().build(), agreement, huge, huge);

        RenderJson.assertWithinLimits(rendered);
        assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(1_000);
    }
}
