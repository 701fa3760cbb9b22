package dev.handshake.agreement;

import java.util.List;

/** A buyer persona both teams agreed on (step 1 of the agreement); {@code summary} is its one-line description. */
public record Persona(
        String id, String name, List<String> aliases, String summary, String description,
        List<String> traits, List<String> pains) {

    public Persona {
        aliases = List.copyOf(aliases);
        traits = List.copyOf(traits);
        pains = List.copyOf(pains);
    }
}
