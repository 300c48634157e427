package org.yubin.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.core.env.PropertyResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yubin.config.YubinProperties;

/**
 * {@code yubin routes}: what the server would run, without starting it (like
 * {@code milter-manager --show-config}). Reads the route files named by
 * {@code camel.main.routes-include-pattern} and prints each route: id, {@code from}
 * endpoint with its {@code {{...}}} placeholders resolved from the same settings, and its
 * steps in order; a {@code process} step whose bean is a content filter also shows that
 * filter's settings (policy, action, address), as the running filter would read them.
 * A file that does not parse fails the command naming the file.
 */
final class RoutesCommand implements CliCommand {

    private static final String PATTERN_SETTING = "camel.main.routes-include-pattern";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(?::([^}]*))?}}");

    private final Supplier<PropertyResolver> settings;

    RoutesCommand() {
        this(CliConfiguration::loadEnvironment);
    }

    /** @param settings all settings (camel.* and yubin.*), loaded when the command runs */
    RoutesCommand(Supplier<PropertyResolver> settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "routes";
    }

    @Override
    public List<String> usage() {
        return List.of("routes  the routes the server loads, their steps in order and the filters' settings");
    }

    @Override
    public void run(List<String> args, CliContext context) throws CliException {
        if (!args.isEmpty()) {
            throw new CliException("routes", "unexpected argument '" + args.get(0).replaceAll("[^\\x21-\\x7e]", "?") + "'", 2);
        }
        PropertyResolver resolver = settings.get();
        String pattern = resolver.getProperty(PATTERN_SETTING, "file:routes/*.yaml");
        for (Path file : routeFiles(pattern)) {
            for (Map<?, ?> route : routesOf(file)) {
                print(route, file, resolver, context);
            }
        }
    }

    /** The files of a comma-separated list of {@code file:dir/glob} patterns, each directory in name order. */
    static List<Path> routeFiles(String pattern) throws CliException {
        List<Path> files = new ArrayList<>();
        for (String part : pattern.split(",")) {
            String spec = part.strip();
            if (spec.isEmpty()) {
                continue;
            }
            if (!spec.startsWith("file:")) {
                throw new CliException("routes", PATTERN_SETTING + ": only file: patterns are supported, got '" + spec + "'");
            }
            Path path = Path.of(spec.substring("file:".length()));
            Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
            String glob = path.getFileName().toString();
            List<Path> matched = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                stream.forEach(matched::add);
            } catch (IOException e) {
                throw new CliException("routes", spec + ": cannot list " + dir + " (" + e.getMessage() + ")");
            }
            matched.sort(null);
            files.addAll(matched);
        }
        return files;
    }

    /** The {@code route:} entries of one file; other top-level entries (beans, rests) are not routes. */
    private static List<Map<?, ?>> routesOf(Path file) throws CliException {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new CliException("routes", file + ": " + firstLine(e.getMessage()));
        }
        if (document == null) {
            return List.of();
        }
        if (!(document instanceof List<?> entries)) {
            throw new CliException("routes", file + ": not a list of routes");
        }
        List<Map<?, ?>> routes = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && map.get("route") instanceof Map<?, ?> route) {
                if (!(route.get("from") instanceof Map<?, ?>)) {
                    throw new CliException("routes", file + ": route " + route.get("id") + " has no from");
                }
                routes.add(route);
            }
        }
        return routes;
    }

    private static void print(Map<?, ?> route, Path file, PropertyResolver resolver, CliContext context) {
        Map<?, ?> from = (Map<?, ?>) route.get("from");
        Object description = route.get("description");
        context.out().println("route " + route.get("id") + " (" + file + ")"
                + (description == null ? "" : ": " + description));
        context.out().println("  from " + endpoint(from.get("uri"), from.get("parameters"), resolver));
        List<?> steps = from.get("steps") instanceof List<?> list ? list : List.of();
        for (int i = 0; i < steps.size(); i++) {
            printStep(steps.get(i), "  " + (i + 1) + ". ", "     ", resolver, context);
        }
        context.out().println();
    }

    /** One step in one line, its nested steps below it, indented. */
    private static void printStep(Object step, String prefix, String indent, PropertyResolver resolver, CliContext context) {
        if (!(step instanceof Map<?, ?> map) || map.size() != 1) {
            context.out().println(prefix + step);
            return;
        }
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        String kind = String.valueOf(only.getKey());
        Object body = only.getValue();
        Map<?, ?> options = body instanceof Map<?, ?> m ? m : Map.of();
        switch (kind) {
            case "process" -> {
                String ref = String.valueOf(options.get("ref"));
                String filter = FilterSettings.describe(ref, context.properties());
                context.out().println(prefix + (filter == null ? "process " + ref : filter));
            }
            case "to", "toD", "wireTap" -> context.out().println(prefix + kind + " "
                    + (body instanceof Map<?, ?> ? endpoint(options.get("uri"), options.get("parameters"), resolver)
                            : resolve(String.valueOf(body), resolver)));
            case "doTry" -> {
                context.out().println(prefix + "doTry");
                printSteps(options.get("steps"), indent + "  ", resolver, context);
                for (Object handler : listOf(options.get("doCatch"))) {
                    Map<?, ?> h = handler instanceof Map<?, ?> hm ? hm : Map.of();
                    context.out().println(indent + "doCatch " + listOf(h.get("exception")).stream()
                            .map(String::valueOf).collect(Collectors.joining(", ")));
                    printSteps(h.get("steps"), indent + "  ", resolver, context);
                }
                if (options.get("doFinally") instanceof Map<?, ?> fin) {
                    context.out().println(indent + "doFinally");
                    printSteps(fin.get("steps"), indent + "  ", resolver, context);
                }
            }
            case "choice" -> {
                context.out().println(prefix + "choice");
                for (Object when : listOf(options.get("when"))) {
                    Map<?, ?> w = when instanceof Map<?, ?> wm ? wm : Map.of();
                    context.out().println(indent + "when " + expression(w));
                    printSteps(w.get("steps"), indent + "  ", resolver, context);
                }
                if (options.get("otherwise") instanceof Map<?, ?> otherwise) {
                    context.out().println(indent + "otherwise");
                    printSteps(otherwise.get("steps"), indent + "  ", resolver, context);
                }
            }
            case "transacted" -> context.out().println(prefix + "transacted"
                    + (options.get("ref") == null ? "" : " " + options.get("ref")));
            case "split" -> {
                String how = options.get("method") instanceof Map<?, ?> method
                        ? method.get("ref") + "." + method.get("method") : expression(options);
                context.out().println(prefix + "split " + how);
                printSteps(options.get("steps"), indent + "  ", resolver, context);
            }
            default -> {
                String expression = expression(options);
                context.out().println(prefix + kind + (expression.isEmpty() ? "" : " " + expression));
                printSteps(options.get("steps"), indent + "  ", resolver, context);
            }
        }
    }

    private static void printSteps(Object steps, String indent, PropertyResolver resolver, CliContext context) {
        for (Object step : listOf(steps)) {
            printStep(step, indent + "- ", indent + "  ", resolver, context);
        }
    }

    /** The language expression of a when/filter/split: {@code simple: ...} and the like. */
    private static String expression(Map<?, ?> options) {
        for (String language : List.of("simple", "constant", "header", "xpath", "jsonpath", "method")) {
            Object value = options.get(language);
            if (value != null) {
                return value instanceof Map<?, ?> m && m.get("expression") != null
                        ? String.valueOf(m.get("expression")) : String.valueOf(value);
            }
        }
        return "";
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    private static String endpoint(Object uri, Object parameters, PropertyResolver resolver) {
        StringBuilder out = new StringBuilder(resolve(String.valueOf(uri), resolver));
        if (parameters instanceof Map<?, ?> map && !map.isEmpty()) {
            char separator = out.indexOf("?") < 0 ? '?' : '&';
            for (Map.Entry<?, ?> parameter : map.entrySet()) {
                out.append(separator).append(parameter.getKey()).append('=')
                        .append(resolve(String.valueOf(parameter.getValue()), resolver));
                separator = '&';
            }
        }
        return out.toString();
    }

    /** Camel's {@code {{key}}} and {@code {{key:default}}}; an unknown key stays as written, marked. */
    static String resolve(String text, PropertyResolver resolver) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = resolver.getProperty(matcher.group(1).strip(), matcher.group(2) == null ? null : matcher.group(2));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() + "(unset)" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot parse";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
    }

    /** What each content filter bean does with the current settings, as the bean itself reads them. */
    static final class FilterSettings {

        private FilterSettings() {
        }

        /** One line for a filter bean, or null when {@code ref} is no filter. */
        static String describe(String ref, YubinProperties p) {
            return switch (ref) {
                case "clamdScan" -> {
                    YubinProperties.Clamd clamd = p.getClamd();
                    yield blank(clamd.getAddress()) ? ref + "  off (yubin.clamd.address unset)"
                            : ref + "  on-failure=" + clamd.getOnFailure() + " action=" + clamd.getAction()
                                    + " address=" + clamd.getAddress() + " timeout=" + clamd.getTimeout().toSeconds() + "s";
                }
                case "spamdCheck" -> {
                    YubinProperties.Spamd spamd = p.getSpamd();
                    yield blank(spamd.getAddress()) ? ref + "  off (yubin.spamd.address unset)"
                            : ref + "  on-failure=" + spamd.getOnFailure() + " reject-score="
                                    + (spamd.getRejectScore() == null ? "never" : spamd.getRejectScore())
                                    + " address=" + spamd.getAddress() + " user=" + spamd.getUser();
                }
                case "dkimVerify" -> ref + "  never refuses (max-signatures=" + p.getDkim().getMaxSignatures() + ")";
                case "spfCheck" -> ref + (p.getSpf().isEnabled() ? "  enabled" : "  off (yubin.spf.enabled=false)");
                case "dmarcCheck" -> p.getDmarc().isEnabled() ? ref + "  enforce=" + p.getDmarc().isEnforce()
                        : ref + "  off (yubin.dmarc.enabled=false)";
                case "authenticationResults" -> ref;
                case "dkimSign" -> ref + "  selector=" + p.getDkim().getSelector()
                        + " canonicalization=" + p.getDkim().getCanonicalization();
                default -> null;
            };
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
