package dev.handshake.agreement;

import java.util.List;

/** Any other term the teams agreed on, such as "recycle" or "SLA breach". */
public record GlossaryTerm(String id, String name, List<String> aliases, String definition) {

    public GlossaryTerm {
        aliases = List.copyOf(aliases);
    }
}
