package dev.handshake.ask;

/** Damerau–Levenshtein distance (optimal string alignment) between code point sequences, with a cut-off. */
final class EditDistance {

    private EditDistance() {}

    /** The distance between {@code a} and {@code b}, or {@code max + 1} once it is known to exceed {@code max}. */
    static int between(int[] a, int[] b, int max) {
        if (Math.abs(a.length - b.length) > max) {
            return max + 1;
        }
        int[] before = new int[b.length + 1];
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    value = Math.min(value, before[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.min(rowMin, value);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return Math.min(previous[b.length], max + 1);
    }
}
