package dev.handshake.lifecycle;

/** A part of the app with threads or resources of its own: started once, stopped once. */
public interface Managed {

    void start() throws Exception;

    /** Stops what {@link #start()} began and releases what the part holds; called once, also after a failed start. */
    void stop() throws Exception;

    /** An action of starting or stopping. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** A part started and stopped by these two steps. */
    static Managed of(Step start, Step stop) {
        return new Managed() {
            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void stop() throws Exception {
                stop.run();
            }
        };
    }

    /** A part that only needs stopping (it started when it was built, or holds a resource). */
    static Managed stopping(AutoCloseable resource) {
        return new Managed() {
            @Override
            public void start() {}

            @Override
            public void stop() throws Exception {
                resource.close();
            }
        };
    }
}
