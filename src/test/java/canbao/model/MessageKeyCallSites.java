package canbao.model;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The message keys of the program, found where they are used: every argument passed to a parameter named
 * {@code key} or {@code messageKey} of a method, constructor or record of ours, read from the parsed sources.
 * No list of prefixes: a new key-taking method is found by its parameter's name.
 *
 * <p>An argument is a key when it is a string literal, a constant of the same file holding one, or a choice
 * between such ({@code a ? "x.y" : "x.z"}); a literal followed by {@code +} is a prefix completed at run time.
 */
final class MessageKeyCallSites {

    /** Where a key was found, for the failure message. */
    record Site(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** A method of ours that takes a key: its name, the class that declares it, the key's position. */
    private record Taker(String name, String declaringType, int index, int arity, boolean varargs) {}

    final Map<String, List<Site>> keys = new TreeMap<>();
    final Map<String, List<Site>> prefixes = new TreeMap<>();
    /** Every string literal of the sources, to tell a dead bundle key from one reached another way. */
    final Set<String> literals = new TreeSet<>();
    /** Key-taking arguments that are neither a literal nor a constant: checked by a test of their own. */
    final List<Site> dynamic = new ArrayList<>();

    static MessageKeyCallSites scan(Path sourceRoot) throws IOException {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        Map<Path, CompilationUnit> units = new HashMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                units.put(sourceRoot.relativize(file), StaticJavaParser.parse(file));
            }
        }
        Map<String, List<Taker>> takers = new HashMap<>();
        collectTakers(units.values(), takers);
        MessageKeyCallSites sites = new MessageKeyCallSites();
        units.forEach((file, unit) -> sites.collectUses(file.toString(), unit, takers));
        return sites;
    }

    private static boolean isKeyParameter(String name) {
        return name.equals("key") || name.equals("messageKey");
    }

    /**
     * The methods whose {@code key} parameter reaches the bundle: {@link Localization}'s own, the {@link Problem}
     * record (formatted at the edge), and every method or constructor that passes its key parameter on to one
     * of these — found to a fixed point, so a {@code key} parameter that names a JSON field or an option is not
     * taken for a message key.
     */
    private static void collectTakers(Collection<CompilationUnit> units, Map<String, List<Taker>> takers) {
        record Candidate(Taker taker, CallableDeclaration<?> callable, String parameter) {}
        List<Candidate> candidates = new ArrayList<>();
        for (CompilationUnit unit : units) {
            for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
                NodeList<Parameter> parameters = callable.getParameters();
                for (int i = 0; i < parameters.size(); i++) {
                    Parameter parameter = parameters.get(i);
                    if (isKeyParameter(parameter.getNameAsString())
                            && parameter.getType().asString().equals("String")) {
                        String type = declaringType(callable);
                        String name = callable.isConstructorDeclaration() ? type : callable.getNameAsString();
                        Taker taker = new Taker(name, type, i, parameters.size(),
                                parameters.get(parameters.size() - 1).isVarArgs());
                        if (type.equals("Localization")) {
                            takers.computeIfAbsent(name, n -> new ArrayList<>()).add(taker);
                        } else {
                            candidates.add(new Candidate(taker, callable, parameter.getNameAsString()));
                        }
                    }
                }
            }
            for (RecordDeclaration record : unit.findAll(RecordDeclaration.class)) {
                NodeList<Parameter> components = record.getParameters();
                for (int i = 0; i < components.size(); i++) {
                    if (record.getNameAsString().equals("Problem") && isKeyParameter(components.get(i).getNameAsString())) {
                        String type = record.getNameAsString();
                        takers.computeIfAbsent(type, n -> new ArrayList<>())
                                .add(new Taker(type, type, i, components.size(), false));
                    }
                }
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var iterator = candidates.iterator(); iterator.hasNext(); ) {
                Candidate candidate = iterator.next();
                if (passesOn(candidate.callable(), candidate.parameter(), takers)) {
                    takers.computeIfAbsent(candidate.taker().name(), n -> new ArrayList<>()).add(candidate.taker());
                    iterator.remove();
                    grew = true;
                }
            }
        }
    }

    /** Whether the body hands {@code parameter} to a known key taker at its key position. */
    private static boolean passesOn(CallableDeclaration<?> callable, String parameter, Map<String, List<Taker>> takers) {
        for (Node call : callable.findAll(Node.class, n -> n instanceof MethodCallExpr || n instanceof ObjectCreationExpr
                || n instanceof ExplicitConstructorInvocationStmt)) {
            for (Expression argument : keyArguments(call, takers)) {
                if (argument instanceof NameExpr name && name.getNameAsString().equals(parameter)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The arguments a call passes at the key position of a key taker it calls, if it calls one. */
    private static List<Expression> keyArguments(Node call, Map<String, List<Taker>> takers) {
        String name;
        NodeList<Expression> arguments;
        String scopeType;
        if (call instanceof MethodCallExpr method) {
            name = method.getNameAsString();
            arguments = method.getArguments();
            scopeType = method.getScope().map(scope -> typeOf(method, scope)).orElse(null);
        } else if (call instanceof ObjectCreationExpr creation) {
            name = creation.getType().getNameAsString();
            arguments = creation.getArguments();
            scopeType = name;
        } else {
            ExplicitConstructorInvocationStmt invocation = (ExplicitConstructorInvocationStmt) call;
            name = superclass(invocation).orElse("");
            arguments = invocation.getArguments();
            scopeType = name;
        }
        List<Expression> found = new ArrayList<>();
        for (Taker taker : takers.getOrDefault(name, List.of())) {
            boolean arityFits = taker.varargs() ? arguments.size() >= taker.arity() - 1
                    : arguments.size() == taker.arity();
            boolean typeFits = scopeType == null ? enclosingTypes(call).contains(taker.declaringType())
                    : scopeType.equals(taker.declaringType());
            if (arityFits && typeFits && arguments.size() > taker.index()) {
                found.add(arguments.get(taker.index()));
            }
        }
        return found;
    }

    private static Set<String> enclosingTypes(Node node) {
        Set<String> types = new TreeSet<>();
        for (Node at = node; at != null; at = at.getParentNode().orElse(null)) {
            if (at instanceof TypeDeclaration<?> type) {
                types.add(type.getNameAsString());
                if (type instanceof ClassOrInterfaceDeclaration declared) {
                    declared.getExtendedTypes().forEach(t -> types.add(t.getNameAsString()));
                }
            }
        }
        return types;
    }

    /**
     * The simple name of a call's scope type, read from the sources without a symbol solver: a class name as is,
     * {@code this}, or a variable declared (parameter, local or field) in a node enclosing the call; "" when
     * unknown, which matches no taker.
     */
    private static String typeOf(Node call, Expression scope) {
        if (scope.isThisExpr()) {
            return call.findAncestor(TypeDeclaration.class).map(TypeDeclaration::getNameAsString).orElse("");
        }
        if (!(scope instanceof NameExpr nameExpr)) {
            String text = scope.toString();
            return text.matches("[\\w.]+") && Character.isUpperCase(lastPart(text).charAt(0)) ? lastPart(text) : "";
        }
        String name = nameExpr.getNameAsString();
        if (Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        for (Node at = call.getParentNode().orElse(null); at != null; at = at.getParentNode().orElse(null)) {
            for (Parameter parameter : at.findAll(Parameter.class, p -> p.getNameAsString().equals(name))) {
                if (parameter.getParentNode().filter(parent -> parent == call || isAncestor(parent, call)).isPresent()) {
                    return simple(parameter.getType().asString());
                }
            }
            for (VariableDeclarator variable : at.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name))) {
                if (variable.getType().isVarType()) {
                    return variable.getInitializer().filter(Expression::isObjectCreationExpr)
                            .map(init -> init.asObjectCreationExpr().getType().getNameAsString()).orElse("");
                }
                return simple(variable.getType().asString());
            }
        }
        return "";
    }

    private static boolean isAncestor(Node ancestor, Node node) {
        for (Node at = node; at != null; at = at.getParentNode().orElse(null)) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static String simple(String type) {
        String raw = type.replaceAll("<.*>", "");
        return lastPart(raw);
    }

    private static java.util.Optional<String> superclass(ExplicitConstructorInvocationStmt call) {
        return call.findAncestor(ClassOrInterfaceDeclaration.class)
                .flatMap(type -> call.isThis() ? java.util.Optional.of(type.getNameAsString())
                        : type.getExtendedTypes().getFirst().map(t -> t.getNameAsString()));
    }

    private static String declaringType(Node node) {
        return node.findAncestor(TypeDeclaration.class).map(TypeDeclaration::getNameAsString).orElse("");
    }

    private void collectUses(String file, CompilationUnit unit, Map<String, List<Taker>> takers) {
        Map<String, String> constants = new HashMap<>();
        for (VariableDeclarator variable : unit.findAll(VariableDeclarator.class)) {
            variable.getInitializer().filter(Expression::isStringLiteralExpr)
                    .ifPresent(value -> constants.put(variable.getNameAsString(),
                            value.asStringLiteralExpr().asString()));
        }
        unit.findAll(StringLiteralExpr.class).forEach(literal -> literals.add(literal.asString()));
        for (Node call : unit.findAll(Node.class, n -> n instanceof MethodCallExpr || n instanceof ObjectCreationExpr
                || n instanceof ExplicitConstructorInvocationStmt)) {
            for (Expression argument : keyArguments(call, takers)) {
                use(file, argument, constants);
            }
        }
    }

    private static String lastPart(String scope) {
        return scope.substring(scope.lastIndexOf('.') + 1);
    }

    private void use(String file, Expression argument, Map<String, String> constants) {
        Site site = new Site(file, argument.getBegin().map(p -> p.line).orElse(0));
        if (argument instanceof EnclosedExpr enclosed) {
            use(file, enclosed.getInner(), constants);
        } else if (argument instanceof StringLiteralExpr literal) {
            keys.computeIfAbsent(literal.asString(), k -> new ArrayList<>()).add(site);
        } else if (argument instanceof NameExpr name && constants.containsKey(name.getNameAsString())) {
            keys.computeIfAbsent(constants.get(name.getNameAsString()), k -> new ArrayList<>()).add(site);
        } else if (argument instanceof NameExpr name && localInitializer(name).isPresent()) {
            // String ruleKey = "table.window." + …; text(locale, ruleKey)
            use(file, localInitializer(name).get(), constants);
        } else if (argument instanceof ConditionalExpr choice) {
            use(file, choice.getThenExpr(), constants);
            use(file, choice.getElseExpr(), constants);
        } else if (argument instanceof BinaryExpr sum && sum.getOperator() == BinaryExpr.Operator.PLUS
                && leftmost(sum) instanceof StringLiteralExpr start) {
            prefixes.computeIfAbsent(start.asString(), k -> new ArrayList<>()).add(site);
        } else {
            dynamic.add(site);
        }
    }

    /**
     * The initializer of the local variable a name refers to, when it is declared in a block enclosing the
     * use and never assigned again (a key kept in a variable before it is used).
     */
    private static java.util.Optional<Expression> localInitializer(NameExpr name) {
        String wanted = name.getNameAsString();
        for (Node at = name.getParentNode().orElse(null); at != null; at = at.getParentNode().orElse(null)) {
            if (at instanceof com.github.javaparser.ast.stmt.BlockStmt block) {
                for (VariableDeclarator variable : block.findAll(VariableDeclarator.class,
                        v -> v.getNameAsString().equals(wanted))) {
                    boolean reassigned = !block.findAll(com.github.javaparser.ast.expr.AssignExpr.class,
                            assign -> assign.getTarget().toString().equals(wanted)).isEmpty();
                    if (!reassigned && variable.getInitializer().isPresent()) {
                        return variable.getInitializer();
                    }
                }
            }
            if (at instanceof CallableDeclaration<?>) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    private static Expression leftmost(BinaryExpr sum) {
        Expression left = sum.getLeft();
        while (left instanceof BinaryExpr inner && inner.getOperator() == BinaryExpr.Operator.PLUS) {
            left = inner.getLeft();
        }
        return left;
    }
}
