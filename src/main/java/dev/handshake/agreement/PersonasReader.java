package dev.handshake.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code personas:} (step 1) and the {@code glossary:} terms, which are named and looked up the same way. */
final class PersonasReader {

    private static final Set<String> PERSONA_KEYS =
            Set.of("id", "name", "aliases", "summary", "description", "traits", "pains");
    private static final Set<String> TERM_KEYS = Set.of("id", "name", "aliases", "definition");

    private final Problems problems;
    private final Names names;

    PersonasReader(Problems problems, Names names) {
        this.problems = problems;
        this.names = names;
    }

    List<Persona> personas(Fields top, IdRegistry ids) {
        List<Persona> personas = new ArrayList<>();
        for (Fields persona : top.list("personas", true, PERSONA_KEYS)) {
            String id = Formats.slug(persona, "id");
            boolean unique = ids.add(id, persona.at("id"));
            String name = persona.text("name");
            List<Fields.Located> aliases = persona.located("aliases", false);
            String summary = persona.text("summary");
            if (summary != null && summary.contains("\n")) {
                problems.report(persona.at("summary"), "must be one line; put the longer text in description");
            }
            String description = persona.optionalText("description");
            List<String> traits = persona.texts("traits", false);
            List<String> pains = persona.texts("pains", false);
            claim("persona", id, name, aliases, persona);
            if (unique && name != null && summary != null) {
                personas.add(new Persona(id, name, texts(aliases), summary, description, traits, pains));
            }
        }
        return personas;
    }

    List<GlossaryTerm> glossary(Fields top, IdRegistry ids) {
        List<GlossaryTerm> terms = new ArrayList<>();
        for (Fields term : top.list("glossary", false, TERM_KEYS)) {
            String id = Formats.slug(term, "id");
            boolean unique = ids.add(id, term.at("id"));
            String name = term.text("name");
            List<Fields.Located> aliases = term.located("aliases", false);
            String definition = term.text("definition");
            claim("glossary term", id, name, aliases, term);
            if (unique && name != null && definition != null) {
                terms.add(new GlossaryTerm(id, name, texts(aliases), definition));
            }
        }
        return terms;
    }

    /** Claims a thing's id, name and aliases as words that lead to it. */
    static void claim(Names names, String kind, String id, String name, List<Fields.Located> aliases, Fields at) {
        String owner = kind + " " + (id != null ? Values.quote(id) : "at " + at.path().readable());
        names.claim(id, owner, at.at("id"));
        names.claim(name, owner, at.at("name"));
        for (Fields.Located alias : aliases) {
            names.claim(alias.text(), owner, alias.at());
        }
    }

    private void claim(String kind, String id, String name, List<Fields.Located> aliases, Fields at) {
        claim(names, kind, id, name, aliases, at);
    }

    static List<String> texts(List<Fields.Located> located) {
        return located.stream().map(Fields.Located::text).toList();
    }
}
