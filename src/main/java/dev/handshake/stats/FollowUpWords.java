package dev.handshake.stats;

/** Marketing's answers to rejections in plain words, the same on every surface. Plain text, not escaped. */
public final class FollowUpWords {

    private FollowUpWords() {}

    /**
     * "Rejections answered: 8 of 10 (6 recycled, 2 contested), median 3 h; within 16 business hours: 75% (6 of 8
     * whose limit has passed)", or "No rejections to answer." when there were none.
     */
    public static String line(FollowUps followUps) {
        if (followUps.rejections() == 0) {
            return "Rejections answered by marketing: no rejections to answer.";
        }
        StringBuilder out = new StringBuilder("Rejections answered by marketing: ")
                .append(Figures.count(followUps.answered())).append(" of ").append(Figures.count(followUps.rejections()))
                .append(" (").append(Figures.count(followUps.recycled())).append(" recycled, ")
                .append(Figures.count(followUps.contested())).append(" contested), median ")
                .append(Figures.duration(followUps.medianToAnswer()));
        if (followUps.limit() != null) {
            out.append("; within ").append(Figures.businessHours(followUps.limit())).append(": ")
                    .append(followUps.withinLimit().shown()).append(" of those whose limit has passed");
        }
        return out.toString();
    }
}
