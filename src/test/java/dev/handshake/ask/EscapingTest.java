package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscapingTest {

    private static final String PAYLOAD = "<!channel> & &lt;b&gt; <https://evil.example|bank>";
    /** The mentions the realistic agreement's ids legitimately produce. */
    private static final Pattern OUR_MENTIONS =
            Pattern.compile("<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\\^S[A-Z0-9]+)>");
    private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?!amp;|lt;|gt;)");

    private final SlaAnswers answers = new SlaAnswers(TestAgreements.poisoned(PAYLOAD));
    private final AnswerContext context = new AnswerContext(LocalDate.of(2025, 10, 1),
            List.of(new Acknowledgement(null, PAYLOAD, null)));

    @ParameterizedTest
    @ValueSource(strings = {"help", "mql", "lead", "stages", "personas", "persona ops-leader", "goals", "terms",
            "lead-to-mql", "recycle", "线索", "<!channel> & &lt;b&gt;", "persona <!channel>", "stats <!here>",
            "<!channel> share"})
    void agreementAndUserTextNeverBecomeMarkup(String question) {
        Answer answer = Ask.answer(answers, question, context);

        for (String text : BlockTexts.texts(answer.blocks())) {
            String withoutOurMentions = OUR_MENTIONS.matcher(text).replaceAll("");
            assertThat(withoutOurMentions).doesNotContain("<", ">");
            assertThat(BARE_AMPERSAND.matcher(text).find()).as("bare & in %s", text).isFalse();
        }
        assertThat(answer.text()).doesNotContain("<", ">");
        assertThat(BARE_AMPERSAND.matcher(answer.text()).find()).isFalse();
        String json = BlockTexts.json(answer);
        assertThat(json).doesNotContain("<!channel", "\\u003c!channel", "<https", "\\u003chttps");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mql", "stages", "personas", "persona ops-leader", "goals", "terms", "lead-to-mql",
            "recycle"})
    void hostileAgreementTextIsShownLiterally(String question) {
        String all = BlockTexts.all(Ask.answer(answers, question, context));

        assertThat(all).contains("&lt;!channel&gt; &amp; &amp;lt;b&amp;gt; &lt;https://evil.example|bank&gt;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!channel>", "persona <!channel>"})
    void hostileQuestionsAreEchoedLiterally(String question) {
        Answer answer = Ask.answer(answers, question, context);

        assertThat(answer.text()).contains("`&lt;!channel&gt;`");
        assertThat(BlockTexts.all(answer)).contains("`&lt;!channel&gt;`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&lt;!channel&gt;", "&amp;"})
    void preEscapedQuestionsStayLiteral(String question) {
        Answer answer = Ask.answer(answers, question, context);

        assertThat(answer.text()).contains("`" + question.replace("&", "&amp;") + "`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mql", "persona ops-leader", "terms"})
    void headersAreEscapedToo(String question) {
        String header = BlockTexts.header(Ask.answer(answers, question, context));

        assertThat(header).contains("&lt;!channel&gt;").doesNotContain("<");
    }
}
