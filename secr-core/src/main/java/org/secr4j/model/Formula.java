package org.secr4j.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed formula for one real parameter, as in R: {@code g0 ~ b}, {@code D ~ x + y},
 * {@code sigma ~ sex * t}, {@code ~ 0 + session}. Terms are sets of variable names (an
 * interaction {@code a:b} is the set {a, b}); {@code a * b} expands to {@code a + b + a:b};
 * {@code 0} or {@code - 1} drops the intercept. Parsing needs no data: binding the variables to
 * data happens in {@code org.secr4j.design}.
 *
 * <p>A parse error names the offending token, its 1-based column, and echoes the formula with a
 * caret under it.
 *
 * <p>Immutable; thread-safe.
 */
public final class Formula {
    private final String text;
    private final String response;
    private final boolean intercept;
    private final List<Set<String>> terms;

    private Formula(String text, String response, boolean intercept, List<Set<String>> terms) {
        this.text = text;
        this.response = response;
        this.intercept = intercept;
        this.terms = terms;
    }

    /** The intercept-only formula {@code ~ 1}. */
    public static Formula constant() {
        return new Formula("~1", null, true, List.of());
    }

    /** Parses {@code [response] ~ rhs}. */
    public static Formula parse(String text) {
        return new Parser(text).parse();
    }

    /** The left-hand side (a parameter name), or null for a one-sided formula. */
    public String response() {
        return response;
    }

    public boolean hasIntercept() {
        return intercept;
    }

    /** Terms other than the intercept, in order of appearance; each an ordered set of variable names. */
    public List<Set<String>> terms() {
        return terms;
    }

    /** All variable names used. */
    public Set<String> variables() {
        Set<String> v = new TreeSet<>();
        for (Set<String> t : terms) {
            v.addAll(t);
        }
        return v;
    }

    /** True for {@code ~ 1}. */
    public boolean isConstant() {
        return intercept && terms.isEmpty();
    }

    /** The right-hand side in R's notation, e.g. {@code "~ a + b + a:b"}. */
    public String rhs() {
        List<String> parts = new ArrayList<>();
        if (!intercept) {
            parts.add("0");
        } else if (terms.isEmpty()) {
            parts.add("1");
        }
        for (Set<String> t : terms) {
            parts.add(String.join(":", t));
        }
        return "~".concat(String.join(" + ", parts));
    }

    @Override
    public String toString() {
        return (response == null ? "" : response + " ") + rhs();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Formula f && f.intercept == intercept && f.terms.equals(terms)
                && java.util.Objects.equals(f.response, response);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(response, intercept, terms);
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Formula parse() {
            skip();
            String response = null;
            if (pos < s.length() && s.charAt(pos) != '~') {
                int start = pos;
                response = identifier();
                if (response == null) {
                    throw error(start, "expected a parameter name or '~'");
                }
                skip();
            }
            if (pos >= s.length() || s.charAt(pos) != '~') {
                throw error(pos, "expected '~'");
            }
            pos++;
            boolean intercept = true;
            List<Set<String>> terms = new ArrayList<>();
            Set<Set<String>> seen = new LinkedHashSet<>();
            int sign = 1;
            boolean expectTerm = true;
            while (true) {
                skip();
                if (pos >= s.length()) {
                    if (expectTerm) {
                        throw error(pos, "expected a term");
                    }
                    break;
                }
                char c = s.charAt(pos);
                if (!expectTerm) {
                    if (c == '+' || c == '-') {
                        sign = c == '+' ? 1 : -1;
                        pos++;
                        expectTerm = true;
                        continue;
                    }
                    throw error(pos, "expected '+' or '-'");
                }
                if (Character.isDigit(c)) {
                    int start = pos;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                    String num = s.substring(start, pos);
                    if (num.equals("0")) {
                        intercept = sign < 0;
                    } else if (num.equals("1")) {
                        intercept = sign > 0;
                    } else {
                        throw error(start, "only 0 and 1 may stand as numbers in a formula");
                    }
                } else {
                    List<List<String>> product = product();
                    for (List<String> t : product) {
                        Set<String> term = new LinkedHashSet<>(t); // R keeps the order of appearance
                        if (sign > 0 && seen.add(term)) {
                            terms.add(term);
                        } else if (sign < 0) {
                            seen.remove(term);
                            terms.remove(term);
                        }
                    }
                }
                sign = 1;
                expectTerm = false;
            }
            List<Set<String>> frozen = new ArrayList<>();
            for (Set<String> t : terms) {
                frozen.add(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(t)));
            }
            return new Formula(s.trim(), response, intercept, List.copyOf(frozen));
        }

        /** factor (('*' | ':') factor)*, expanded into terms. */
        private List<List<String>> product() {
            List<List<String>> result = new ArrayList<>();
            int start = pos;
            String first = identifier();
            if (first == null) {
                throw error(start, "expected a variable name");
            }
            result.add(List.of(first));
            while (true) {
                skip();
                if (pos >= s.length()) {
                    return result;
                }
                char op = s.charAt(pos);
                if (op != '*' && op != ':') {
                    return result;
                }
                pos++;
                skip();
                int vstart = pos;
                String v = identifier();
                if (v == null) {
                    throw error(vstart, "expected a variable name after '" + op + "'");
                }
                List<List<String>> next = new ArrayList<>();
                if (op == '*') {
                    next.addAll(result);
                    next.add(List.of(v));
                }
                for (List<String> t : result) {
                    List<String> inter = new ArrayList<>(t);
                    inter.add(v);
                    next.add(inter);
                }
                result = next;
            }
        }

        private String identifier() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
                    if (pos == start && Character.isDigit(c)) {
                        break;
                    }
                    pos++;
                } else {
                    break;
                }
            }
            return pos > start ? s.substring(start, pos) : null;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(int at, String what) {
            String token = at < s.length() ? "'" + s.charAt(at) + "'" : "end of formula";
            return new IllegalArgumentException("formula '" + s + "': " + what + " at column " + (at + 1)
                    + " (found " + token + ")\n  " + s + "\n  " + " ".repeat(at) + "^");
        }
    }
}
