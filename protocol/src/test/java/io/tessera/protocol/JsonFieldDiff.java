package io.tessera.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-by-field comparison of two JSON trees, reporting each difference with its JSON pointer.
 * Numbers compare by value, so {@code 21} and {@code 21.0} are equal.
 */
final class JsonFieldDiff {

    private JsonFieldDiff() {
    }

    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        String at = path.isEmpty() ? "/" : path;
        if (expected == null || actual == null) {
            if (expected != actual) {
                out.add(at + ": expected " + expected + " but " + (actual == null ? "missing" : "found " + actual));
            }
            return;
        }
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(at + ": expected " + expected + " but found " + actual);
            }
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            out.add(at + ": expected " + expected.getNodeType() + " " + expected + " but found "
                    + actual.getNodeType() + " " + actual);
            return;
        }
        if (expected.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (e == null) {
                    out.add(path + "/" + name + ": unexpected field " + a);
                } else if (a == null) {
                    out.add(path + "/" + name + ": missing, expected " + e);
                } else {
                    compare(path + "/" + name, e, a, out);
                }
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(at + ": expected " + expected.size() + " elements but found " + actual.size());
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext() && a.hasNext(); i++) {
                compare(path + "/" + i, e.next(), a.next(), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": expected " + expected + " but found " + actual);
        }
    }
}
