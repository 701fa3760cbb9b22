package dev.handshake.demo;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.SlackTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who and what the demo's workspace holds: the team, the bot, the people the example agreement names (owners,
 * reps of the reassignment pool, the escalation group) and its channels, each with the ids the agreement uses.
 */
public final class DemoCast {

    /** A member of the workspace. {@code role} is how the user switcher describes them. */
    public record Person(String id, String handle, String realName, String title, String role, String email,
            String color) {}

    /** A public channel the bot is a member of. */
    public record Channel(String id, String name, String topic) {}

    /** A user group, such as the escalation target {@code @sales-managers}. */
    public record Group(String id, String handle, String name, List<String> members) {}

    public static final String TEAM_ID = "T06FRTLINE1";
    public static final String TEAM_NAME = "Freightline";
    public static final String TEAM_DOMAIN = "freightline";
    public static final String BOT_USER_ID = "U06HANDSHK1";
    public static final String BOT_ID = "B06HANDSHK1";
    public static final String APP_ID = "A06HANDSHK1";
    public static final String BOT_NAME = "handshake";
    public static final String APP_NAME = "Handshake";

    /** The people of the example agreement, by the Slack ids it names. */
    private static final List<Person> KNOWN_PEOPLE = List.of(
            new Person("U05SDRAVA01", "ava", "Ava Reyes", "Sales development rep", "sales rep",
                    "ava.reyes@freightline.example", "#2bac76"),
            new Person("U04DWHITFLD", "dana", "Dana Whitfield", "VP Marketing", "marketing",
                    "dana.whitfield@freightline.example", "#e8912d"),
            new Person("U04MBELL0SL", "marcus", "Marcus Bell", "VP Sales", "sales manager",
                    "marcus.bell@freightline.example", "#1264a3"),
            new Person("U05SDRBEN02", "ben", "Ben Okafor", "Sales development rep", "sales rep",
                    "ben.okafor@freightline.example", "#9b3f9c"),
            new Person("U05SDRCHL03", "chloe", "Chloe Martin", "Sales development rep", "sales rep",
                    "chloe.martin@freightline.example", "#cd2553"),
            new Person("U05SDRDEV04", "dev", "Dev Patel", "Sales development rep", "sales rep",
                    "dev.patel@freightline.example", "#4a7c59"));

    private static final Map<String, String> TOPICS = Map.of(
            "sales-leads", "Qualified leads from marketing. Accept or reject each within the agreed response time.",
            "marketing-handoffs", "What sales decided about marketing's leads, and why.",
            "revops", "The marketing–sales agreement: versions, acknowledgements and quarterly reviews.");

    private final List<Person> people;
    private final List<Channel> channels;
    private final List<Group> groups;
    private final String marketingChannelId;
    private final String marketingOwner;

    private DemoCast(List<Person> people, List<Channel> channels, List<Group> groups, String marketingChannelId,
            String marketingOwner) {
        this.people = List.copyOf(people);
        this.channels = List.copyOf(channels);
        this.groups = List.copyOf(groups);
        this.marketingChannelId = marketingChannelId;
        this.marketingOwner = marketingOwner;
    }

    /**
     * The cast for an agreement: the example's people by their ids, a plain teammate for any other id it names, its
     * three channels (sales, marketing, review) and its escalation group.
     */
    public static DemoCast forAgreement(Agreement agreement) {
        Objects.requireNonNull(agreement, "agreement == null");
        Map<String, Person> people = new LinkedHashMap<>();
        KNOWN_PEOPLE.forEach(person -> people.put(person.id(), person));
        List<String> named = new ArrayList<>();
        named.add(agreement.owners().marketing().slackUser());
        named.add(agreement.owners().sales().slackUser());
        named.addAll(agreement.handoff().reps());
        SlackTarget escalation = agreement.handoff().escalation();
        if (escalation != null && escalation.kind() == SlackTarget.Kind.USER) {
            named.add(escalation.id());
        }
        named.stream().filter(Objects::nonNull).filter(id -> !people.containsKey(id))
                .forEach(id -> people.put(id, teammate(id)));

        Map<String, Channel> channels = new LinkedHashMap<>();
        for (String name : List.of(agreement.handoff().salesChannel(), agreement.handoff().marketingChannel(),
                agreement.review().channel())) {
            Channel channel = channel(name);
            channels.putIfAbsent(channel.id(), channel);
        }
        List<Group> groups = new ArrayList<>();
        if (escalation != null && escalation.kind() == SlackTarget.Kind.USER_GROUP) {
            groups.add(new Group(escalation.id(), "sales-managers", "Sales managers",
                    List.of(agreement.owners().sales().slackUser())));
        }
        if (escalation != null && escalation.kind() == SlackTarget.Kind.CHANNEL) {
            Channel channel = channel(escalation.id());
            channels.putIfAbsent(channel.id(), channel);
        }
        return new DemoCast(new ArrayList<>(people.values()), new ArrayList<>(channels.values()), groups,
                channel(agreement.handoff().marketingChannel()).id(), agreement.owners().marketing().slackUser());
    }

    public List<Person> people() {
        return people;
    }

    public List<Channel> channels() {
        return channels;
    }

    public List<Group> groups() {
        return groups;
    }

    public Optional<Person> person(String id) {
        return people.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<Person> personByEmail(String email) {
        return email == null ? Optional.empty()
                : people.stream().filter(p -> p.email().equalsIgnoreCase(email.strip())).findFirst();
    }

    /** The channel a {@code #name}, a {@code name} or an id denotes. */
    public Optional<Channel> channel(String nameOrId, boolean byIdOnly) {
        if (nameOrId == null) {
            return Optional.empty();
        }
        String name = nameOrId.startsWith("#") ? nameOrId.substring(1) : nameOrId;
        return channels.stream()
                .filter(c -> c.id().equals(nameOrId) || (!byIdOnly && c.name().equalsIgnoreCase(name)))
                .findFirst();
    }

    /**
     * Who is in a channel: the marketing channel holds the marketing owner and the marketers (so only they may
     * answer a rejection), every other channel the whole team; the bot is in each.
     */
    public List<String> members(Channel channel) {
        List<String> members = new ArrayList<>();
        for (Person person : people) {
            if (!channel.id().equals(marketingChannelId) || person.id().equals(marketingOwner)
                    || "marketing".equals(person.role())) {
                members.add(person.id());
            }
        }
        members.add(BOT_USER_ID);
        return members;
    }

    /** The user group with this id. */
    public Optional<Group> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** The id of the bot's direct-message conversation with a member. */
    public static String directMessageId(String userId) {
        return "D" + userId.substring(1);
    }

    private static Channel channel(String nameOrId) {
        String name = (nameOrId.startsWith("#") ? nameOrId.substring(1) : nameOrId).toLowerCase(Locale.ROOT);
        String letters = name.replaceAll("[^a-z0-9]", "").toUpperCase(Locale.ROOT);
        String id = nameOrId.matches("[CG][A-Z0-9]{2,}") ? nameOrId
                : "C06" + (letters + "00000000").substring(0, 8);
        return new Channel(id, name, TOPICS.getOrDefault(name, ""));
    }

    private static Person teammate(String id) {
        String handle = id.toLowerCase(Locale.ROOT);
        return new Person(id, handle, "Teammate " + id, "Teammate", "teammate", handle + "@freightline.example",
                "#616061");
    }
}
