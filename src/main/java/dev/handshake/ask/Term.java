package dev.handshake.ask;

import dev.handshake.agreement.GlossaryTerm;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.Stage;
import java.util.List;
import java.util.Objects;

/** Something in the agreement that {@code /sla} can explain: a stage, a persona, a KPI or a glossary term. */
public sealed interface Term permits Term.OfStage, Term.OfPersona, Term.OfKpi, Term.OfGlossary {

    /** What part of the agreement a term comes from. */
    enum Kind { STAGE, PERSONA, KPI, GLOSSARY }

    Kind kind();

    String id();

    String name();

    List<String> aliases();

    /** A lead stage. */
    record OfStage(Stage stage) implements Term {
        public OfStage {
            Objects.requireNonNull(stage, "stage == null");
        }

        @Override public Kind kind() { return Kind.STAGE; }
        @Override public String id() { return stage.id(); }
        @Override public String name() { return stage.name(); }
        @Override public List<String> aliases() { return stage.aliases(); }
    }

    /** A buyer persona. */
    record OfPersona(Persona persona) implements Term {
        public OfPersona {
            Objects.requireNonNull(persona, "persona == null");
        }

        @Override public Kind kind() { return Kind.PERSONA; }
        @Override public String id() { return persona.id(); }
        @Override public String name() { return persona.name(); }
        @Override public List<String> aliases() { return persona.aliases(); }
    }

    /** A key performance indicator. */
    record OfKpi(Kpi kpi) implements Term {
        public OfKpi {
            Objects.requireNonNull(kpi, "kpi == null");
        }

        @Override public Kind kind() { return Kind.KPI; }
        @Override public String id() { return kpi.id(); }
        @Override public String name() { return kpi.name(); }
        @Override public List<String> aliases() { return List.of(); }
    }

    /** A glossary entry. */
    record OfGlossary(GlossaryTerm entry) implements Term {
        public OfGlossary {
            Objects.requireNonNull(entry, "entry == null");
        }

        @Override public Kind kind() { return Kind.GLOSSARY; }
        @Override public String id() { return entry.id(); }
        @Override public String name() { return entry.name(); }
        @Override public List<String> aliases() { return entry.aliases(); }
    }
}
