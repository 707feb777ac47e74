package org.secr4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Writes a command's output (JSON or text) to a file or to standard output; non-finite numbers as null. */
final class JsonOut {
    private JsonOut() {}

    static void write(ObjectNode json, Path out, CommandLine cl) throws IOException {
        writeText(text(json), out, cl);
    }

    /** Indented JSON text with a final newline. */
    static String text(ObjectNode json) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
    }

    /** Writes text to the file, or to the command's standard output when {@code out} is null. */
    static void writeText(String text, Path out, CommandLine cl) throws IOException {
        if (out != null) {
            Files.writeString(out, text);
        } else {
            PrintWriter w = cl.getOut();
            w.print(text);
            w.flush();
        }
    }

    /** Puts a number, or null when it is NaN or infinite. */
    static void put(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }
}
