package dev.handshake.agreement;

import java.util.List;

/** A lead stage with its agreed definition (step 2) and who does what while a lead is in it (step 5). */
public record Stage(
        String id, String name, List<String> aliases, String definition, List<String> entryCriteria,
        Team owner, List<Responsibility> responsibilities, String next) {

    public Stage {
        aliases = List.copyOf(aliases);
        entryCriteria = List.copyOf(entryCriteria);
        responsibilities = List.copyOf(responsibilities);
    }
}
