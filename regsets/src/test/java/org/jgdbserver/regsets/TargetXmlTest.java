package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The generated XML is well-formed and says exactly what the table says. */
class TargetXmlTest {
    /** gdb's predefined types (gdb manual, "Predefined Target Types"). */
    private static final Set<String> PREDEFINED = Set.of("bool", "int", "int8", "int16", "int24",
            "int32", "int64", "int128", "uint8", "uint16", "uint24", "uint32", "uint64",
            "uint128", "code_ptr", "data_ptr", "ieee_half", "ieee_single", "ieee_double",
            "arm_fpa_ext", "i387_ext", "bfloat16");

    static Stream<Arguments> layouts() {
        return RoundTripTest.layouts();
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void registersInXmlMatchTheTable(String name, TargetLayout layout) throws Exception {
        String xml = layout.targetXml();
        assertTrue(xml.startsWith("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM "
                + "\"gdb-target.dtd\">\n<target>"), xml.substring(0, 80));
        Document doc = parse(xml);
        Element target = doc.getDocumentElement();
        assertEquals(layout.architecture(), text(target, "architecture"));
        assertEquals("GNU/Linux", text(target, "osabi"));

        NodeList features = target.getElementsByTagName("feature");
        assertEquals(layout.features().size(), features.getLength());
        List<RegisterDef> seen = new ArrayList<>();
        for (int fi = 0; fi < features.getLength(); fi++) {
            Element feature = (Element) features.item(fi);
            assertEquals(layout.features().get(fi).name(), feature.getAttribute("name"));
            Set<String> defined = new HashSet<>(PREDEFINED);
            for (Node n = feature.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e)) {
                    continue;
                }
                if (e.getTagName().equals("reg")) {
                    RegisterDef r = layout.register(e.getAttribute("name")).orElseThrow(
                            () -> new AssertionError("XML register " + e.getAttribute("name")
                                    + " is not in the table"));
                    assertEquals(seen.size(), r.regnum(), r.name() + " order");
                    assertEquals(String.valueOf(r.regnum()), e.getAttribute("regnum"));
                    assertEquals(String.valueOf(r.bitSize()), e.getAttribute("bitsize"));
                    assertEquals(r.type(), e.getAttribute("type"));
                    assertEquals(r.feature(), feature.getAttribute("name"));
                    assertTrue(defined.contains(r.type()), r.name() + " uses undefined type "
                            + r.type() + " in " + feature.getAttribute("name"));
                    seen.add(r);
                } else {
                    // Every type refers only to earlier types of its own feature or predefined.
                    NodeList fields = e.getElementsByTagName("field");
                    for (int i = 0; i < fields.getLength(); i++) {
                        String t = ((Element) fields.item(i)).getAttribute("type");
                        assertTrue(t.isEmpty() || defined.contains(t),
                                e.getAttribute("id") + " field type " + t);
                    }
                    if (e.hasAttribute("type")) {
                        assertTrue(defined.contains(e.getAttribute("type")),
                                e.getAttribute("id") + " element type");
                    }
                    defined.add(e.getAttribute("id"));
                }
            }
        }
        assertEquals(layout.registers(), seen);
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }
}
