package org.jgdbserver.rsp.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of qXfer:osdata: gdbserver's value formats, and documents built from this machine's /proc. */
class OsDataTest {

    private static String doc(String type) {
        return new String(OsData.document(type), StandardCharsets.UTF_8);
    }

    @Test
    void theTypesTableListsEveryTypeInGdbserversOrder() {
        String d = doc("");
        assertEquals(d, doc("types"));
        assertTrue(d.startsWith("<osdata type=\"types\">\n<item><column name=\"Type\">cpus</column>"
                + "<column name=\"Description\">Listing of all cpus/cores on the system</column>"
                + "<column name=\"Title\">CPUs</column></item>"), d);
        assertTrue(d.endsWith("<item><column name=\"Type\">threads</column><column name=\"Description\">Listing of all "
                + "threads</column><column name=\"Title\">Threads</column></item></osdata>\n"), d);
        assertEquals(10, d.split("<item>").length - 1);
    }

    @Test
    void anUnknownTypeIsAnEmptyDocument() {
        assertEquals(0, OsData.document("nonsense").length);
    }

    @Test
    void processesHaveThisJvmWithItsCommandLine() throws Exception {
        long pid = ProcessHandle.current().pid();
        String d = doc("processes");
        assertTrue(d.startsWith("<osdata type=\"processes\">\n<item>"), d.substring(0, 80));
        String cmdline = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8)
                .replace('\0', ' ');
        String row = "<item><column name=\"pid\">" + pid + "</column><column name=\"user\">";
        int at = d.indexOf(row);
        assertTrue(at >= 0, "no row for pid " + pid);
        String rest = d.substring(at);
        assertTrue(rest.contains("<column name=\"command\">" + OsData.escape(cmdline) + "</column><column name=\"cores\">"),
                rest.substring(0, Math.min(400, rest.length())));
    }

    @Test
    void threadsAndProcessGroupsHaveThisJvm() {
        long pid = ProcessHandle.current().pid();
        assertTrue(doc("threads").contains("<item><column name=\"pid\">" + pid + "</column><column name=\"command\">java"
                + "</column><column name=\"tid\">" + pid + "</column><column name=\"core\">"));
        assertTrue(doc("procgroups").startsWith("<osdata type=\"process groups\">\n"));
        assertTrue(doc("procgroups").contains("<column name=\"pid\">" + pid + "</column><column name=\"command line\">"));
    }

    @Test
    void filesShowWhereDescriptorsLead() {
        long pid = ProcessHandle.current().pid();
        assertTrue(doc("files").contains("<item><column name=\"pid\">" + pid + "</column><column name=\"command\">java"
                + "</column><column name=\"file descriptor\">0</column><column name=\"name\">"));
    }

    @Test
    void cpusHaveOneItemPerProcessor() throws Exception {
        long processors = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        String d = doc("cpus");
        assertEquals(processors, d.split("<item>").length - 1);
        assertTrue(d.contains("<item><column name=\"processor\"> 0\n</column>"), d.substring(0, 120));
    }

    @Test
    void cpuinfoLinesSplitAsStrtokDoes() {
        assertArrayEquals(new String[] {"model name", " AMD EPYC\n"}, OsData.cpuinfoLine("model name\t: AMD EPYC\n"));
        assertArrayEquals(new String[] {"address sizes", " 48 bits physical, 48 bits virtual\n"},
                OsData.cpuinfoLine("address sizes\t: 48 bits physical, 48 bits virtual\n"));
        assertArrayEquals(new String[] {"a", " b"}, OsData.cpuinfoLine("a: b:c\n"));
        // strtok leaves the newline as the value of an empty field
        assertArrayEquals(new String[] {"power management", "\n"}, OsData.cpuinfoLine("power management:\n"));
        assertNull(OsData.cpuinfoLine("\n"));
        assertNull(OsData.cpuinfoLine("power management:"));
    }

    @Test
    void commandNamesAsGdbserverReadsThem() {
        assertEquals("bash", OsData.commandNameOf("42 (bash) S 1 42", 42));
        assertEquals("kworker/0:1-eve", OsData.commandNameOf("11 (kworker/0:1-events) I 2 0", 11));
        // the first blank ends the token: "(Web" loses its first and last character
        assertEquals("We", OsData.commandNameOf("7 (Web Content) S", 7));
        assertEquals("", OsData.commandNameOf("8 (x) S", 7));
    }

    @Test
    void statFieldsStartAfterTheLastParenthesis() {
        String[] f = OsData.fieldsAfterName("5 (a) b) S 1 5 5 0");
        assertEquals("S", f[0]);
        assertEquals("5", f[2]);
    }

    @Test
    void socketAddressesInNumericForm() {
        assertEquals("127.0.0.1", OsData.address("0100007F", false));
        assertEquals("0.0.0.0", OsData.address("00000000", false));
        assertEquals("::", OsData.address("00000000000000000000000000000000", true));
        assertEquals("::1", OsData.address("00000000000000000000000001000000", true));
        assertEquals("::ffff:127.0.0.1", OsData.address("0000000000000000FFFF00000100007F", true));
        assertEquals("fe80::1", OsData.address("000080FE000000000000000001000000", true));
        assertEquals("2001:db8:0:1:1:1:1:1", OsData.address("B80D0120010000000100010001000100", true));
    }

    @Test
    void xmlEscapes() {
        assertEquals("a&lt;b&gt;&amp;&quot;&apos;", OsData.escape("a<b>&\"'"));
        assertEquals("plain", OsData.escape("plain"));
    }

    @Test
    void timesReadLikeCtime() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of("UTC")));
            assertEquals("Sun Nov 22 18:08:48 2026\n", OsData.ctime("1795370928"));
            assertEquals("Thu Jan  1 00:00:01 1970\n", OsData.ctime("1"));
            assertEquals("", OsData.ctime("0"));
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
