package com.csmflow.traceability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.xml.ModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks {@code docs/traceability.md} against the seed steps and the models: every seed step id has
 * exactly one row, every named BPMN/DMN element exists with the candidate group or assignee the row
 * states, every named table and API operation exists, and each status carries what it promises.
 * Plain JUnit: the models are read from {@code bpmn/}, the API from the controllers' annotations, the
 * tables from the Flyway scripts. Each failure names the row and what to write instead.
 */
class TraceabilityTableTest {

    static final Path TABLE = Path.of("docs/traceability.md");
    static final Path MODELS = Path.of("bpmn");
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** The seed steps as the project's owners keep them, beside the project. */
    static final Path SHARED_SEED_STEPS = Path.of(System.getProperty("csmflow.seedSteps", "../shared/SEED-STEPS.md"));
    /** Their ids, kept in the project so the completeness check also runs in a checkout without ../shared. */
    static final Path SEED_STEP_IDS = Path.of("docs/seed-step-ids.txt");

    static final List<String> COLUMNS =
            List.of("id", "step", "status", "BPMN / DMN element (group)", "register / API", "note");

    static final Pattern ID = Pattern.compile("[A-Z]{1,2}\\d{1,3}");
    static final Pattern STATUS =
            Pattern.compile("mapped|register|not-a-step|open \\((issue \\d+(, \\d+)*|no issue)\\)");
    static final Pattern CODE = Pattern.compile("`([^`]*)`");
    /** {@code `bpmn/file.bpmn#Element_Id` (group)}: the group in brackets is required, {@code —} for none. */
    static final Pattern ELEMENT = Pattern.compile("`([^`#]+\\.(?:bpmn|dmn))#([^`]+)`\\s*\\(([^)]*)\\)");

    static final Pattern API = Pattern.compile("(GET|POST|PUT|PATCH|DELETE) (/api/\\S*)");
    static final Pattern TABLE_NAME = Pattern.compile("table ([a-z_][a-z0-9_]*)");
    static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    static final String NO_GROUP = "—";

    record Row(int line, String id, String step, String status, String elements, String registers, String note) {
        String where() {
            return TABLE + ":" + line + " row " + id;
        }
    }

    private static List<Row> rows;
    private static final Map<String, ModelInstance> models = new HashMap<>();
    private static Set<String> operations;

    @BeforeAll
    static void readTable() throws IOException {
        rows = parse(Files.readAllLines(TABLE));
        assertThat(rows).as("rows of %s", TABLE).isNotEmpty();
    }

    /** Reads every markdown table whose header is {@link #COLUMNS}; other tables of the page are prose. */
    static List<Row> parse(List<String> lines) {
        List<Row> parsed = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (cells.equals(COLUMNS)) {
                inTable = true;
                continue;
            }
            if (!inTable || cells.stream().allMatch(cell -> cell.matches(":?-+:?"))) {
                continue;
            }
            if (cells.size() != COLUMNS.size()) {
                throw new AssertionError(TABLE + ":" + (i + 1) + ": " + cells.size() + " cells, expected "
                        + COLUMNS.size() + " (" + String.join(" | ", COLUMNS) + "): " + line);
            }
            parsed.add(
                    new Row(i + 1, cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4), cells.get(5)));
        }
        return parsed;
    }

    static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        return Stream.of(inner.split("\\|", -1)).map(String::strip).toList();
    }

    @Test
    void everySeedStepHasExactlyOneRow() throws IOException {
        Set<String> seedIds = projectSeedStepIds();
        assertThat(seedIds).as("ids in %s", SEED_STEP_IDS).hasSizeGreaterThan(100);
        assertNoProblems(checkIds(rows, seedIds));
    }

    @Test
    void theProjectsIdListMatchesTheSharedSeedSteps() throws IOException {
        assumeTrue(Files.isReadable(SHARED_SEED_STEPS), "no " + SHARED_SEED_STEPS + " beside this checkout");
        assertThat(projectSeedStepIds())
                .as("%s must list exactly the ids of %s", SEED_STEP_IDS, SHARED_SEED_STEPS)
                .containsExactlyElementsOf(seedStepIds(Files.readAllLines(SHARED_SEED_STEPS)));
    }

    static Set<String> projectSeedStepIds() throws IOException {
        return Files.readAllLines(SEED_STEP_IDS).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void everyRowKeepsTheRulesOfItsStatus() {
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            problems.addAll(checkStatus(row));
        }
        assertNoProblems(problems);
    }

    @Test
    void everyNamedElementExistsWithTheStatedGroup() {
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            problems.addAll(checkElements(row));
        }
        assertNoProblems(problems);
    }

    @Test
    void everyNamedTableAndApiOperationExists() throws IOException {
        Set<String> tables = flywayTables();
        Set<String> operations = apiOperations();
        assertThat(operations).as("API operations found in the controllers").contains("POST /api/clients");
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            problems.addAll(checkRegisters(row, tables, operations));
        }
        assertNoProblems(problems);
    }

    // ---- the checks catch broken rows (a check that passes everything would be worthless) ----

    @Test
    void brokenRowsAreReported() throws IOException {
        List<Row> broken = parse(List.of(
                "| " + String.join(" | ", COLUMNS) + " |",
                "|---|---|---|---|---|---|",
                "| G16 | root cause | mapped | `bpmn/problem-rca.bpmn#Task_DetermineRootCause` (csm) | | |",
                "| G25 | review | mapped | `bpmn/change-request.bpmn#Task_TechnicalReveiw` (cse) | | |",
                "| G26 | execute | mapped | `bpmn/change-request.bpmn#Task_RecordBilling` (cse) | | |",
                "| G19 | coordinate | mapped | `bpmn/no-such.bpmn#Task_PrepareCab` (csm) | | |",
                "| G20 | non-standard | mapped | `bpmn/change-request.bpmn#Task_PrepareCab` | | |",
                "| G21 | emergency | mapped | | `POST /api/changes` | |",
                "| R27 | P&L | not-a-step | | | |",
                "| S22 | targets | register | | `table sla_targets`<br>`PUT /api/sla-target/{id}` | |",
                "| S22 | twice | done | | | |"));
        assertThat(broken).hasSize(9);

        Set<String> tables = flywayTables();
        Set<String> operations = apiOperations();
        List<String> problems = new ArrayList<>();
        broken.forEach(row -> problems.addAll(checkStatus(row)));
        broken.forEach(row -> problems.addAll(checkElements(row)));
        broken.forEach(row -> problems.addAll(checkRegisters(row, tables, operations)));
        problems.addAll(checkIds(broken, Set.of("G16", "G19", "G20", "G21", "G25", "G26", "R27", "S22", "S23")));

        assertThat(String.join("\n", problems))
                .contains(
                        "row G16: `bpmn/problem-rca.bpmn#Task_DetermineRootCause` states (csm) but the model says (cse)")
                .contains("row G25: `bpmn/change-request.bpmn#Task_TechnicalReveiw`: no element with that id in "
                        + "bpmn/change-request.bpmn; nearest ids: Task_TechnicalReview")
                .contains("row G26: `bpmn/change-request.bpmn#Task_RecordBilling` states (cse) but the model says (—)")
                .contains("row G19: `bpmn/no-such.bpmn#Task_PrepareCab`: no file bpmn/no-such.bpmn")
                .contains("row G20: every element is written")
                .contains("row G21: status mapped but no BPMN/DMN element is named")
                .contains("row R27: status not-a-step needs the reason in the note")
                .contains("row S22: `table sla_targets`: no CREATE TABLE sla_targets")
                .contains("row S22: `PUT /api/sla-target/{id}` is no API operation")
                .contains("row S22: status 'done' is none of")
                .contains("row S22: duplicate of the row at line")
                .contains("no row for the seed step id(s) S23");
    }

    // ---- the checks ----

    static Set<String> seedStepIds(List<String> lines) {
        Set<String> ids = new LinkedHashSet<>();
        for (String line : lines) {
            if (line.strip().startsWith("|")) {
                List<String> cells = cells(line.strip());
                if (!cells.isEmpty() && ID.matcher(cells.get(0)).matches()) {
                    ids.add(cells.get(0));
                }
            }
        }
        return ids;
    }

    static List<String> checkIds(List<Row> table, Set<String> seedIds) {
        List<String> problems = new ArrayList<>();
        Map<String, Row> seen = new LinkedHashMap<>();
        for (Row row : table) {
            if (!ID.matcher(row.id()).matches()) {
                problems.add(row.where() + ": id is not of the form Q12 / G3 / F24");
            } else if (!seedIds.contains(row.id())) {
                problems.add(row.where() + ": id is not in " + SEED_STEP_IDS + " (removed or mistyped?)");
            }
            Row first = seen.putIfAbsent(row.id(), row);
            if (first != null) {
                problems.add(row.where() + ": duplicate of the row at line " + first.line()
                        + " (one row per id: join the elements into one row)");
            }
        }
        Set<String> missing = new TreeSet<>(Comparator.comparing(TraceabilityTableTest::idOrder));
        missing.addAll(seedIds);
        missing.removeAll(seen.keySet());
        if (!missing.isEmpty()) {
            problems.add(TABLE + ": no row for the seed step id(s) " + String.join(", ", missing));
        }
        return problems;
    }

    static List<String> checkStatus(Row row) {
        List<String> problems = new ArrayList<>();
        if (row.step().isBlank()) {
            problems.add(row.where() + ": the step column is empty");
        }
        if (!STATUS.matcher(row.status()).matches()) {
            problems.add(row.where() + ": status '" + row.status()
                    + "' is none of: mapped, register, not-a-step, open (issue N), open (issue N, M), open (no issue)");
            return problems;
        }
        List<String> codes = codes(row.elements());
        long elements = ELEMENT.matcher(row.elements()).results().count();
        if (elements != codes.size()) {
            problems.add(row.where() + ": every element is written `bpmn/<file>#<element id>` (<group or —>); found "
                    + codes.size() + " code item(s) but " + elements + " in that form: " + row.elements());
        }
        boolean namesRegister = codes(row.registers()).stream()
                .anyMatch(code ->
                        API.matcher(code).matches() || TABLE_NAME.matcher(code).matches());
        switch (row.status()) {
            case "mapped" -> {
                if (elements == 0) {
                    problems.add(row.where() + ": status mapped but no BPMN/DMN element is named");
                }
            }
            case "register" -> {
                if (!namesRegister) {
                    problems.add(
                            row.where() + ": status register but no `table <name>` or `<METHOD> /api/...` is named");
                }
            }
            case "not-a-step" -> {
                if (row.note().isBlank()) {
                    problems.add(row.where() + ": status not-a-step needs the reason in the note");
                }
            }
            default -> {
                // open: elements and registers are optional (what carries part of it today)
            }
        }
        return problems;
    }

    static List<String> checkElements(Row row) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = ELEMENT.matcher(row.elements());
        while (matcher.find()) {
            String file = matcher.group(1);
            String id = matcher.group(2);
            String stated = normalise(matcher.group(3));
            String ref = "`" + file + "#" + id + "`";
            ModelInstance model = model(file);
            if (model == null) {
                problems.add(row.where() + ": " + ref + ": no file " + file + " (models: " + modelFiles() + ")");
                continue;
            }
            ModelElementInstance element = model.getModelElementById(id);
            if (element == null) {
                problems.add(row.where() + ": " + ref + ": no element with that id in " + file + "; nearest ids: "
                        + nearestIds(model, id));
                continue;
            }
            String actual = groupOf(element);
            boolean matches =
                    actual.equals(NO_GROUP) ? stated.isEmpty() || stated.equals(NO_GROUP) : stated.equals(actual);
            if (!matches) {
                problems.add(row.where() + ": " + ref + " states ("
                        + matcher.group(3).strip() + ") but the model says (" + actual + ")");
            }
        }
        return problems;
    }

    static List<String> checkRegisters(Row row, Set<String> tables, Set<String> operations) {
        List<String> problems = new ArrayList<>();
        for (String code : codes(row.registers())) {
            Matcher api = API.matcher(code);
            Matcher table = TABLE_NAME.matcher(code);
            if (api.matches() && !operations.contains(code)) {
                String path = api.group(2);
                String near = operations.stream()
                        .filter(op -> op.substring(op.indexOf(' ') + 1).equals(path))
                        .collect(Collectors.joining(", "));
                problems.add(row.where() + ": `" + code + "` is no API operation of the controllers"
                        + (near.isEmpty() ? "" : " (that path has: " + near + ")"));
            } else if (table.matches() && !tables.contains(table.group(1))) {
                problems.add(row.where() + ": `" + code + "`: no CREATE TABLE " + table.group(1) + " in " + MIGRATIONS);
            }
        }
        return problems;
    }

    /**
     * What the model says about who does the element: the user task's candidate groups, candidate
     * users and assignee as written in the XML; {@code —} for everything that is no user task.
     */
    static String groupOf(ModelElementInstance element) {
        if (!(element instanceof UserTask task)) {
            return NO_GROUP;
        }
        List<String> parts = new ArrayList<>();
        if (notBlank(task.getCamundaCandidateGroups())) {
            parts.add(normalise(task.getCamundaCandidateGroups()));
        }
        if (notBlank(task.getCamundaCandidateUsers())) {
            parts.add("users: " + normalise(task.getCamundaCandidateUsers()));
        }
        if (notBlank(task.getCamundaAssignee())) {
            parts.add("assignee: " + normalise(task.getCamundaAssignee()));
        }
        return parts.isEmpty() ? NO_GROUP : String.join("; ", parts);
    }

    // ---- helpers ----

    static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            org.assertj.core.api.Assertions.fail(
                    problems.size() + " problem(s) in " + TABLE + ":\n  " + String.join("\n  ", problems));
        }
    }

    static List<String> codes(String cell) {
        return CODE.matcher(cell)
                .results()
                .map(result -> result.group(1).strip())
                .toList();
    }

    static String normalise(String text) {
        return text.strip()
                .replaceAll("\\s*([,;:])\\s*", "$1 ")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    static synchronized ModelInstance model(String file) {
        Path path = Path.of(file).normalize();
        if (!path.startsWith(MODELS) || !Files.isRegularFile(path)) {
            return null;
        }
        return models.computeIfAbsent(
                file,
                name -> name.endsWith(".dmn")
                        ? Dmn.readModelFromFile(path.toFile())
                        : Bpmn.readModelFromFile(path.toFile()));
    }

    private static String modelFiles() {
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.map(file -> MODELS.getFileName() + "/" + file.getFileName())
                    .filter(name -> name.endsWith(".bpmn") || name.endsWith(".dmn"))
                    .sorted()
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** The five ids of the model closest to a missing one, to say what it was probably renamed to. */
    static String nearestIds(ModelInstance model, String missing) {
        List<String> ids = new ArrayList<>();
        collectIds(model.getDocumentElement().getDomElement(), ids);
        return ids.stream()
                .sorted(Comparator.comparingInt(
                                (String id) -> distance(id.toLowerCase(Locale.ROOT), missing.toLowerCase(Locale.ROOT)))
                        .thenComparing(id -> id))
                .limit(5)
                .collect(Collectors.joining(", "));
    }

    private static void collectIds(org.camunda.bpm.model.xml.instance.DomElement element, List<String> ids) {
        String id = element.getAttribute("id");
        if (id != null
                && !id.isBlank()
                && !element.getLocalName().startsWith("BPMN")
                && !element.getLocalName().startsWith("DMN")) {
            ids.add(id);
        }
        for (var child : element.getChildElements()) {
            collectIds(child, ids);
        }
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Q before G before R before S before F (the order of the seed steps page), then by number. */
    private static String idOrder(String id) {
        int letter = "QGRSF".indexOf(id.charAt(0));
        String number = id.replaceAll("\\D", "");
        return (letter < 0 ? 9 : letter)
                + id.replaceAll("\\d", "")
                + "%04d".formatted(number.isEmpty() ? 0 : Integer.parseInt(number));
    }

    static Set<String> flywayTables() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> scripts = Files.list(MIGRATIONS)) {
            for (Path script :
                    scripts.filter(file -> file.toString().endsWith(".sql")).toList()) {
                CREATE_TABLE
                        .matcher(Files.readString(script))
                        .results()
                        .forEach(result -> tables.add(result.group(1).toLowerCase(Locale.ROOT)));
            }
        }
        return tables;
    }

    /** {@code METHOD /api/path} of every handler method of our REST controllers, as Spring would map it. */
    static synchronized Set<String> apiOperations() {
        if (operations != null) {
            return operations;
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<String> found = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.csmflow")) {
            Class<?> controller = ClassUtils.resolveClassName(
                    candidate.getBeanClassName(), TraceabilityTableTest.class.getClassLoader());
            RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            List<String> prefixes = base == null || base.path().length == 0 ? List.of("") : List.of(base.path());
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                List<String> paths = mapping.path().length == 0 ? List.of("") : List.of(mapping.path());
                for (var verb : mapping.method()) {
                    for (String prefix : prefixes) {
                        for (String path : paths) {
                            if ((prefix + path).startsWith("/api/")) {
                                found.add(verb.name() + " " + prefix + path);
                            }
                        }
                    }
                }
            }
        }
        operations = found;
        return operations;
    }
}
