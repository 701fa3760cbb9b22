package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.SlackTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's workspace holds everyone and everything the example agreement names, under the ids it uses. */
class DemoCastTest {

    private final Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
    private final DemoCast cast = DemoCast.forAgreement(agreement);

    @Test
    void everyoneTheAgreementNamesIsAKnownMemberWithAnEmail() {
        List<String> named = new ArrayList<>(agreement.handoff().reps());
        named.add(agreement.owners().marketing().slackUser());
        named.add(agreement.owners().sales().slackUser());
        for (String id : named) {
            DemoCast.Person person = cast.person(id).orElseThrow();
            assertThat(person.realName()).as(id).doesNotStartWith("Teammate");
            assertThat(cast.personByEmail(person.email().toUpperCase())).contains(person);
        }
        assertThat(cast.person(agreement.owners().marketing().slackUser()).orElseThrow().realName())
                .isEqualTo(agreement.owners().marketing().name());
        assertThat(cast.person(agreement.owners().sales().slackUser()).orElseThrow().realName())
                .isEqualTo(agreement.owners().sales().name());
    }

    @Test
    void theSwitcherOffersTheRepTheMarketerAndTheManagerFirst() {
        assertThat(cast.people()).extracting(p -> "@" + p.handle() + " (" + p.role() + ")").startsWith(
                "@ava (sales rep)", "@dana (marketing)", "@marcus (sales manager)");
    }

    @Test
    void theAgreementsChannelsAndEscalationGroupExist() {
        for (String channel : List.of(agreement.handoff().salesChannel(), agreement.handoff().marketingChannel(),
                agreement.review().channel())) {
            assertThat(cast.channel(channel, false)).as(channel).isPresent();
        }
        SlackTarget escalation = agreement.handoff().escalation();
        assertThat(escalation.kind()).isEqualTo(SlackTarget.Kind.USER_GROUP);
        assertThat(cast.groups()).singleElement().satisfies(group -> {
            assertThat(group.id()).isEqualTo(escalation.id());
            assertThat(group.handle()).isEqualTo("sales-managers");
            assertThat(group.members()).containsExactly(agreement.owners().sales().slackUser());
        });
    }
}
