package dev.handshake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handshake.db.DatabaseAccess;
import dev.handshake.db.Dialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    private static final String TOKEN = "xoxb-1234-secret-bot-token";
    private static final String SECRET = "0123456789abcdef-signing-secret";
    private static final String HANDOFF = "handoff-token-0123456789abcdef";
    private static final String APP_TOKEN = "xapp-1-A0APP00001-1234-secret-app-token";

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.SLACK_BOT_TOKEN, TOKEN);
        env.put(Settings.SLACK_SIGNING_SECRET, SECRET);
        return env;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = minimal();
        env.put(name, value);
        return env;
    }

    private static InvalidSettingsException failure(Map<String, String> env) {
        return catchThrowableOfType(InvalidSettingsException.class, () -> Settings.from(env));
    }

    @Test
    void onlyTheTwoSecretsAreNeededEverythingElseHasADefault() {
        Settings settings = Settings.from(minimal());

        assertThat(settings.botToken()).isEqualTo(TOKEN);
        assertThat(settings.signingSecret()).isEqualTo(SECRET);
        assertThat(settings.port()).isEqualTo(3000);
        assertThat(settings.databaseUrl()).isEqualTo("jdbc:sqlite:data/handshake.db");
        assertThat(settings.agreementFile()).isEqualTo(Path.of("sla.yml"));
        assertThat(settings.slackApiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(settings.handoffToken()).isNull();
        assertThat(settings.intakeEnabled()).isFalse();
        assertThat(settings.slackAuthProbeInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void blankOptionalValuesFallBackToTheDefaults() {
        Map<String, String> env = minimal();
        env.put(Settings.PORT, "  ");
        env.put(Settings.DATABASE_URL, "");
        env.put(Settings.AGREEMENT_FILE, " ");
        env.put(Settings.SLACK_API_URL, "");
        env.put(Settings.HANDOFF_TOKEN, "   ");

        Settings settings = Settings.from(env);

        assertThat(settings.port()).isEqualTo(3000);
        assertThat(settings.databaseUrl()).isEqualTo("jdbc:sqlite:data/handshake.db");
        assertThat(settings.agreementFile()).isEqualTo(Path.of("sla.yml"));
        assertThat(settings.slackApiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(settings.intakeEnabled()).isFalse();
    }

    @Test
    void readsEverySettingGiven() {
        Map<String, String> env = minimal();
        env.put(Settings.PORT, "8080");
        env.put(Settings.DATABASE_URL, "jdbc:sqlite:/var/lib/handshake/h.db");
        env.put(Settings.AGREEMENT_FILE, "config/agreement.yml");
        env.put(Settings.SLACK_API_URL, "http://127.0.0.1:9999/api/");
        env.put(Settings.HANDOFF_TOKEN, HANDOFF);

        Settings settings = Settings.from(env);

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.databaseUrl()).isEqualTo("jdbc:sqlite:/var/lib/handshake/h.db");
        assertThat(settings.agreementFile()).isEqualTo(Path.of("config/agreement.yml"));
        assertThat(settings.slackApiUrl()).isEqualTo("http://127.0.0.1:9999/api/");
        assertThat(settings.handoffToken()).isEqualTo(HANDOFF);
        assertThat(settings.intakeEnabled()).isTrue();
    }

    @Test
    void theProbeIntervalForARefusedTokenCanBeShortenedButNotMadeNonsense() {
        assertThat(Settings.from(with(Settings.SLACK_AUTH_PROBE_SECONDS, " 5 ")).slackAuthProbeInterval())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(Settings.from(with(Settings.SLACK_AUTH_PROBE_SECONDS, "")).slackAuthProbeInterval())
                .isEqualTo(Duration.ofSeconds(60));
        for (String bad : new String[] {"0", "-5", "3601", "1.5", "soon"}) {
            assertThat(failure(with(Settings.SLACK_AUTH_PROBE_SECONDS, bad)).problems()).as(bad)
                    .singleElement().asString().startsWith(Settings.SLACK_AUTH_PROBE_SECONDS).contains("\"" + bad + "\"");
        }
    }

    @Test
    void portZeroMeansAnyFreePortAndIsAccepted() {
        assertThat(Settings.from(with(Settings.PORT, "0")).port()).isZero();
        assertThat(Settings.from(with(Settings.PORT, "65535")).port()).isEqualTo(65535);
    }

    @Test
    void aTrailingSlashIsAddedToTheSlackApiUrl() {
        assertThat(Settings.from(with(Settings.SLACK_API_URL, "https://proxy.example/slack/api")).slackApiUrl())
                .isEqualTo("https://proxy.example/slack/api/");
        assertThat(Settings.from(with(Settings.SLACK_API_URL, "https://proxy.example/slack/api/")).slackApiUrl())
                .isEqualTo("https://proxy.example/slack/api/");
    }

    @Test
    void everyProblemIsReportedTogetherInOneException() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.PORT, "abc");
        env.put(Settings.DATABASE_URL, "jdbc:mysql://db/handshake");
        env.put(Settings.SLACK_API_URL, "ftp://slack.example/api/");
        env.put(Settings.HANDOFF_TOKEN, "short");

        InvalidSettingsException e = failure(env);

        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(6);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(Settings.SLACK_BOT_TOKEN + " "));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(Settings.SLACK_SIGNING_SECRET + " "));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(Settings.PORT).contains("\"abc\""));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(Settings.DATABASE_URL)
                .contains("jdbc:mysql://db/handshake"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(Settings.SLACK_API_URL));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(Settings.HANDOFF_TOKEN).contains("16"));
        assertThat(e.getMessage()).contains(Settings.SLACK_BOT_TOKEN, Settings.SLACK_SIGNING_SECRET, Settings.PORT,
                Settings.DATABASE_URL, Settings.SLACK_API_URL, Settings.HANDOFF_TOKEN);
    }

    @Test
    void problemsNeverEchoTheSecretsOrTheHandoffToken() {
        Map<String, String> env = minimal();
        env.put(Settings.PORT, "abc");
        env.put(Settings.HANDOFF_TOKEN, "tooShortSecret1");

        InvalidSettingsException e = failure(env);

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain(TOKEN, SECRET, "tooShortSecret1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void blankSecretsAreMissingSecrets(String blank) {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.SLACK_BOT_TOKEN, blank);
        env.put(Settings.SLACK_SIGNING_SECRET, blank);

        InvalidSettingsException e = failure(env);

        assertThat(e.problems()).containsExactly(
                Settings.SLACK_BOT_TOKEN + " is required and must not be blank",
                Settings.SLACK_SIGNING_SECRET + " is required and must not be blank (or set " + Settings.SLACK_APP_TOKEN
                        + " to receive Slack's requests over Socket Mode instead of HTTP)");
    }

    @Test
    void eachSecretIsRequiredOnItsOwn() {
        Map<String, String> noSecret = minimal();
        noSecret.remove(Settings.SLACK_SIGNING_SECRET);
        Map<String, String> noToken = minimal();
        noToken.remove(Settings.SLACK_BOT_TOKEN);

        assertThat(failure(noSecret).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.SLACK_SIGNING_SECRET));
        assertThat(failure(noToken).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.SLACK_BOT_TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "70000", "-1", "65536", "30 00", "3000.0"})
    void aPortThatIsNotANumberOrOutOfRangeIsRefused(String port) {
        assertThat(failure(with(Settings.PORT, port)).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.PORT + " must be"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/handshake.db", "sqlite:data/h.db", "jdbc:mysql://x/y", "postgresql://db/handshake",
            "jdbc:h2:mem:x"})
    void onlySqliteAndPostgresqlUrlsAreAccepted(String url) {
        assertThat(failure(with(Settings.DATABASE_URL, url)).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.DATABASE_URL).contains(url)
                        .contains("SQLite", "PostgreSQL", "jdbc:postgresql://"));
    }

    @Test
    void aPostgresqlUrlWithItsLoginAndPoolIsAccepted() {
        Map<String, String> env = minimal();
        env.put(Settings.DATABASE_URL, "jdbc:postgresql://db.example.com:5432/handshake");
        env.put(Settings.DATABASE_USER, "handshake");
        env.put(Settings.DATABASE_PASSWORD, "s3cret-db-password");
        env.put(Settings.DATABASE_POOL_SIZE, "16");

        DatabaseAccess database = Settings.from(env).database();

        assertThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(database.url()).isEqualTo("jdbc:postgresql://db.example.com:5432/handshake");
        assertThat(database.user()).isEqualTo("handshake");
        assertThat(database.password()).isEqualTo("s3cret-db-password");
        assertThat(database.poolSize()).isEqualTo(16);
        assertThat(Settings.from(with(Settings.DATABASE_URL, "jdbc:postgresql://db/h")).database().poolSize())
                .isEqualTo(DatabaseAccess.DEFAULT_POOL_SIZE);
    }

    @Test
    void aLoginOrPoolForASqliteFileIsRefusedRatherThanIgnored() {
        for (String setting : List.of(Settings.DATABASE_USER, Settings.DATABASE_PASSWORD, Settings.DATABASE_POOL_SIZE)) {
            assertThat(failure(with(setting, "12")).problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains(setting, "PostgreSQL only"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "201", "ten", "1.5"})
    void aPoolSizeOutsideItsRangeIsRefused(String size) {
        Map<String, String> env = minimal();
        env.put(Settings.DATABASE_URL, "jdbc:postgresql://db/handshake");
        env.put(Settings.DATABASE_POOL_SIZE, size);
        assertThat(failure(env).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.DATABASE_POOL_SIZE).contains("1 to 200", size));
    }

    @Test
    void databasePasswordsNeverShowInTheTextOfTheSettingsNorInAnAnswer() {
        Map<String, String> env = minimal();
        env.put(Settings.DATABASE_URL, "jdbc:postgresql://db/handshake?user=app&password=in-the-url-9f2");
        env.put(Settings.DATABASE_PASSWORD, "in-the-setting-77a");
        assertThat(Settings.from(env).toString()).doesNotContain("in-the-url-9f2", "in-the-setting-77a")
                .contains("jdbc:postgresql://db/handshake?user=app&password=***");
        env.put(Settings.DATABASE_URL, "jdbc:mysql://app:in-the-url-9f2@db/handshake?password=in-the-url-9f2");
        assertThat(failure(env).problems()).singleElement()
                .satisfies(p -> assertThat(p).doesNotContain("in-the-url-9f2").contains("jdbc:mysql://***@db/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://slack.example/api/", "slack.com/api", "https://", "file:///etc/passwd"})
    void aSlackApiUrlThatIsNotHttpIsRefused(String url) {
        assertThat(failure(with(Settings.SLACK_API_URL, url)).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.SLACK_API_URL));
    }

    @Test
    void theHandoffTokenMustBeAtLeastSixteenCharacters() {
        assertThat(failure(with(Settings.HANDOFF_TOKEN, "0123456789abcde")).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.HANDOFF_TOKEN));
        assertThat(Settings.from(with(Settings.HANDOFF_TOKEN, "0123456789abcdef")).handoffToken())
                .isEqualTo("0123456789abcdef");
    }

    @Test
    void toStringNeverContainsTheSecrets() {
        Map<String, String> env = minimal();
        env.put(Settings.HANDOFF_TOKEN, HANDOFF);
        Settings settings = Settings.from(env);

        assertThat(settings.toString())
                .doesNotContain(TOKEN, SECRET, HANDOFF)
                .contains("port=3000", "jdbc:sqlite:data/handshake.db", "intakeEnabled=true");
    }

    @Test
    void anAppTokenSwitchesToSocketModeWhereNoSigningSecretIsNeeded() {
        Map<String, String> env = minimal();
        env.remove(Settings.SLACK_SIGNING_SECRET);
        env.put(Settings.SLACK_APP_TOKEN, " " + APP_TOKEN + " ");

        Settings settings = Settings.from(env);

        assertThat(settings.socketMode()).isTrue();
        assertThat(settings.appToken()).isEqualTo(APP_TOKEN);
        assertThat(settings.signingSecret()).isNull();
        assertThat(settings.socketConnections()).isEqualTo(2);
        assertThat(Settings.from(minimal()).socketMode()).isFalse();
        assertThat(settings.toString()).doesNotContain(APP_TOKEN).contains("socketMode=true", "socketConnections=2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xoxb-1234-secret-bot-token", "xoxp-1234-secret-user-token", "A0APP-secret-app-id"})
    void theAppTokenMustBeAnAppLevelTokenAndIsNeverEchoed(String token) {
        InvalidSettingsException e = failure(with(Settings.SLACK_APP_TOKEN, token));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith(Settings.SLACK_APP_TOKEN + " must be an app-level token, which starts with xapp-")
                .contains("connections:write").doesNotContain(token, "secret"));
        if (token.startsWith("xoxb-")) {
            assertThat(e.problems().get(0)).contains("bot token", Settings.SLACK_BOT_TOKEN);
        }
    }

    @Test
    void aWrongAppTokenDoesNotAlsoAskForTheSigningSecret() {
        Map<String, String> env = minimal();
        env.remove(Settings.SLACK_SIGNING_SECRET);
        env.put(Settings.SLACK_APP_TOKEN, "xoxb-1234-secret-bot-token");

        assertThat(failure(env).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.SLACK_APP_TOKEN));
    }

    @Test
    void theNumberOfSocketModeConnectionsIsOneToTenAndOnlyInSocketMode() {
        Map<String, String> env = with(Settings.SLACK_APP_TOKEN, APP_TOKEN);
        env.put(Settings.SLACK_SOCKET_CONNECTIONS, "10");
        assertThat(Settings.from(env).socketConnections()).isEqualTo(10);
        env.put(Settings.SLACK_SOCKET_CONNECTIONS, " 1 ");
        assertThat(Settings.from(env).socketConnections()).isEqualTo(1);
        for (String bad : new String[] {"0", "11", "-2", "two", "1.5"}) {
            env.put(Settings.SLACK_SOCKET_CONNECTIONS, bad);
            assertThat(failure(env).problems()).as(bad).singleElement()
                    .satisfies(p -> assertThat(p).startsWith(Settings.SLACK_SOCKET_CONNECTIONS + " must be a whole "
                            + "number from 1 to 10").contains("\"" + bad + "\""));
        }

        assertThat(failure(with(Settings.SLACK_SOCKET_CONNECTIONS, "3")).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith(Settings.SLACK_SOCKET_CONNECTIONS + " is set but "
                        + Settings.SLACK_APP_TOKEN + " is not"));
    }
}
