package org.jgdbserver.rsp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drains a process stream line by line on a daemon thread; the lines so far can be read any time. */
final class OutputCollector {
    private final List<String> lines = new ArrayList<>();
    private final Thread thread;
    private volatile boolean ended;

    OutputCollector(InputStream in, String name) {
        thread = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process went away
            } finally {
                ended = true;
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    int size() {
        synchronized (lines) {
            return lines.size();
        }
    }

    String text() {
        return String.join("\n", lines());
    }

    boolean ended() {
        return ended;
    }

    /** The first group of the first line from index {@code from} matching {@code p}, or null. */
    String find(Pattern p, int from) {
        List<String> ls = lines();
        for (int i = from; i < ls.size(); i++) {
            Matcher m = p.matcher(ls.get(i));
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
        }
        return null;
    }

    /** Index of the first line from {@code from} matching {@code p}, or -1. */
    int indexOf(Pattern p, int from) {
        List<String> ls = lines();
        for (int i = from; i < ls.size(); i++) {
            if (p.matcher(ls.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
