package org.secr4j.io.trim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.secr4j.io.DataFileException;
import org.secr4j.trim.TrimModel;
import org.secr4j.trim.TrimOptions;

/**
 * A TRIM command file ({@code .tcf}): the data file's layout (FILE, NTIMES, NCOVARS, LABELS … END,
 * MISSING, WEIGHT) and one or more runs (MODEL, COVARIATES, CHANGEPOINTS, OVERDISP, SERIALCOR,
 * WEIGHTING, STEPWISE, AUTODELETE, BASETIME, COMMENT, TITLE, OUTPUTFILES; RUN ends a run, and the
 * settings carry over to the next run as in TRIM). Keywords are case-insensitive; an unknown keyword
 * is an error naming its line.
 *
 * @param dataFile the FILE, resolved against the command file's folder (by its file name when the
 *     path given does not exist there)
 * @param layout the data file's layout
 * @param title the TITLE
 * @param runs the runs in order
 */
public record TrimCommandFile(Path dataFile, TrimDataFile.Layout layout, String title, List<Run> runs) {
    /**
     * One run's settings.
     *
     * @param covariates 1-based covariate numbers (into LABELS)
     * @param weighting WEIGHTING on: weighted time totals (see {@link #data})
     * @param stepwise STEPWISE on (stepwise changepoint selection, {@code TrimStepwise})
     */
    public record Run(String comment, int model, int[] covariates, int[] changepoints, boolean overdispersion,
            boolean serialCorrelation, boolean weighting, boolean stepwise, int line) {

        /** The estimator's options for this run, with covariate numbers mapped to their labels. */
        public TrimOptions options(TrimDataFile.Layout layout) {
            TrimOptions o = TrimOptions.model(TrimModel.ofNumber(model)).withOverdispersion(overdispersion)
                    .withSerialCorrelation(serialCorrelation);
            if (model == 2 && changepoints.length > 0) {
                o = o.withChangepoints(changepoints);
            }
            String[] names = new String[covariates.length];
            for (int k = 0; k < covariates.length; k++) {
                if (covariates[k] < 1 || covariates[k] > layout.covariateLabels().size()) {
                    throw new IllegalArgumentException("covariate number " + covariates[k] + " is not among the "
                            + layout.covariateLabels().size() + " covariates " + layout.covariateLabels());
                }
                names[k] = layout.covariateLabels().get(covariates[k] - 1);
            }
            return o.withCovariates(names);
        }

        /** The data with this run's weighting applied (weights from the data file when WEIGHTING is on). */
        public org.secr4j.trim.TrimData data(TrimDataFile.Contents contents, String file) {
            if (!weighting) {
                return contents.data();
            }
            if (contents.weights() == null) {
                throw new IllegalArgumentException(file + ": WEIGHTING on but the data file has no weight column "
                        + "(WEIGHT present)");
            }
            return contents.data().withWeights(contents.weights());
        }
    }

    private static final List<String> KEYWORDS = List.of("FILE", "TITLE", "NTIMES", "NCOVARS", "LABELS", "END",
            "MISSING", "WEIGHT", "COMMENT", "WEIGHTING", "OVERDISP", "SERIALCOR", "MODEL", "COVARIATES",
            "CHANGEPOINTS", "STEPWISE", "AUTODELETE", "BASETIME", "OUTPUTFILES", "RUN");

    /**
     * Parses a command file.
     *
     * @throws DataFileException naming the line for an unknown keyword, a missing value, a bad number,
     *     or a file without FILE or NTIMES
     */
    public static TrimCommandFile read(Path tcf) throws IOException {
        String name = tcf.toString();
        List<String> lines = Files.readAllLines(tcf, StandardCharsets.ISO_8859_1);
        String file = null;
        String title = "";
        int ntimes = -1;
        int ncovars = 0;
        List<String> labels = new ArrayList<>();
        double missing = Double.NaN;
        boolean weightPresent = false;
        String comment = "";
        int model = 3;
        int[] covariates = new int[0];
        int[] changepoints = new int[0];
        boolean overdisp = false;
        boolean serialcor = false;
        boolean weighting = false;
        boolean stepwise = false;
        boolean pending = false;
        int runLine = 0;
        List<Run> runs = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String key = parts[0].toUpperCase(Locale.ROOT);
            String value = parts.length > 1 ? parts[1].trim() : "";
            int lineNo = ln + 1;
            switch (key) {
                case "FILE" -> file = require(name, lineNo, key, value);
                case "TITLE" -> title = value;
                case "NTIMES" -> ntimes = integer(name, lineNo, key, value);
                case "NCOVARS" -> ncovars = integer(name, lineNo, key, value);
                case "LABELS" -> {
                    while (++ln < lines.size() && !lines.get(ln).trim().equalsIgnoreCase("END")) {
                        if (!lines.get(ln).trim().isEmpty()) {
                            labels.add(lines.get(ln).trim());
                        }
                    }
                    if (ln >= lines.size()) {
                        throw new DataFileException(name, lineNo, 0, "LABELS without a closing END");
                    }
                }
                case "MISSING" -> missing = number(name, lineNo, key, value);
                case "WEIGHT" -> weightPresent = onOff(name, lineNo, key, value, "PRESENT", "ABSENT");
                case "COMMENT" -> comment = value;
                case "WEIGHTING" -> {
                    weighting = onOff(name, lineNo, key, value, "ON", "OFF");
                    pending = true;
                }
                case "OVERDISP" -> {
                    overdisp = onOff(name, lineNo, key, value, "ON", "OFF");
                    pending = true;
                }
                case "SERIALCOR" -> {
                    serialcor = onOff(name, lineNo, key, value, "ON", "OFF");
                    pending = true;
                }
                case "STEPWISE" -> {
                    stepwise = onOff(name, lineNo, key, value, "ON", "OFF");
                    pending = true;
                }
                case "AUTODELETE", "OUTPUTFILES", "BASETIME" -> {
                    // accepted: AUTODELETE and OUTPUTFILES concern TRIM's own files and messages;
                    // BASETIME other than 1 is refused below
                    if (key.equals("BASETIME") && integer(name, lineNo, key, value) != 1) {
                        throw new DataFileException(name, lineNo, 0, "BASETIME other than 1 is not supported");
                    }
                }
                case "MODEL" -> {
                    model = integer(name, lineNo, key, value);
                    if (model < 1 || model > 3) {
                        throw new DataFileException(name, lineNo, 0, "MODEL must be 1, 2 or 3 but was " + model);
                    }
                    runLine = lineNo;
                    pending = true;
                }
                case "COVARIATES" -> {
                    covariates = integers(name, lineNo, key, value);
                    pending = true;
                }
                case "CHANGEPOINTS" -> {
                    changepoints = integers(name, lineNo, key, value);
                    pending = true;
                }
                case "RUN" -> {
                    runs.add(new Run(comment, model, covariates, changepoints, overdisp, serialcor, weighting,
                            stepwise, runLine));
                    pending = false;
                }
                default -> throw new DataFileException(name, lineNo, 1, "unknown keyword '" + parts[0]
                        + "'; TRIM command files use " + KEYWORDS);
            }
        }
        if (pending || runs.isEmpty()) {
            runs.add(new Run(comment, model, covariates, changepoints, overdisp, serialcor, weighting, stepwise,
                    runLine));
        }
        if (file == null) {
            throw new DataFileException(name, 0, 0, "no FILE keyword naming the data file");
        }
        if (ntimes < 2) {
            throw new DataFileException(name, 0, 0, "NTIMES must be given and at least 2");
        }
        if (labels.size() != ncovars) {
            throw new DataFileException(name, 0, 0, "NCOVARS is " + ncovars + " but LABELS names " + labels.size()
                    + " covariates " + labels);
        }
        Path dir = tcf.toAbsolutePath().getParent();
        Path data = dir.resolve(file.replace('\\', '/'));
        if (!Files.exists(data)) {
            data = dir.resolve(Path.of(file.replace('\\', '/')).getFileName());
        }
        return new TrimCommandFile(data, new TrimDataFile.Layout(ntimes, labels, missing, weightPresent), title,
                List.copyOf(runs));
    }

    private static String require(String file, int line, String key, String value) {
        if (value.isEmpty()) {
            throw new DataFileException(file, line, 0, key + " needs a value");
        }
        return value;
    }

    private static int integer(String file, int line, String key, String value) {
        try {
            return Integer.parseInt(require(file, line, key, value).split("\\s+")[0]);
        } catch (NumberFormatException e) {
            throw new DataFileException(file, line, 0, key + " needs a whole number but got '" + value + "'", e);
        }
    }

    private static double number(String file, int line, String key, String value) {
        try {
            return Double.parseDouble(require(file, line, key, value));
        } catch (NumberFormatException e) {
            throw new DataFileException(file, line, 0, key + " needs a number but got '" + value + "'", e);
        }
    }

    private static int[] integers(String file, int line, String key, String value) {
        try {
            return Arrays.stream(require(file, line, key, value).split("\\s+")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new DataFileException(file, line, 0, key + " needs whole numbers but got '" + value + "'", e);
        }
    }

    private static boolean onOff(String file, int line, String key, String value, String yes, String no) {
        String v = require(file, line, key, value).toUpperCase(Locale.ROOT);
        if (v.equals(yes)) {
            return true;
        }
        if (v.equals(no)) {
            return false;
        }
        throw new DataFileException(file, line, 0, key + " must be " + yes.toLowerCase(Locale.ROOT) + " or "
                + no.toLowerCase(Locale.ROOT) + " but was '" + value + "'");
    }
}
