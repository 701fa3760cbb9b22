/**
 * Test support for end-to-end tests of the whole app: {@link dev.handshake.testing.FakeSlack}, a fake Slack Web API
 * on a real loopback HTTP server (records calls, enforces Block Kit limits, scripts faults), with its stand-in for
 * Slack's Socket Mode server ({@link dev.handshake.testing.SocketModeServer}, a real WebSocket server), and
 * {@link dev.handshake.testing.SlackClient}, which sends slash commands, interactions and events signed exactly as
 * Slack signs them, or as Socket Mode envelopes through the stand-in.
 *
 * <pre>{@code
 * try (FakeSlack slack = FakeSlack.start()) {
 *     SlackConfig config = new SlackConfig();
 *     config.setMethodsEndpointUrlPrefix(slack.apiUrl());
 *     // ... start the app with Slack.getInstance(config) and the signing secret ...
 *     SlackClient client = new SlackClient(appBaseUri, signingSecret, Clock.systemUTC()).withFakeSlack(slack);
 *     client.slashCommand("/sla", "mql", "U0DANA0001", "C0SALES001");
 *     SlackCall posted = slack.awaitCall("chat.postMessage", Duration.ofSeconds(2));
 *     client.blockAction(BlockAction.click(posted, "lead_accept"));
 *     slack.awaitCall("chat.update", Duration.ofSeconds(2));
 * }
 * }</pre>
 */
package dev.handshake.testing;
