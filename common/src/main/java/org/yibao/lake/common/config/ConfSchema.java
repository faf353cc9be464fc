package org.yibao.lake.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The shape of every file under {@code conf/}, checked at start-up so that a typo fails closed: a misspelled
 * key (which the loaders would read as "absent" and so drop a rule or a refusal without a word), a misspelled
 * expectations file (zero rules for a table), or a value of the wrong kind ends in one line naming the file,
 * the line and the key. Loaders still check values; this checks that every key is one they read.
 */
public final class ConfSchema {
  private ConfSchema() {}

  /** A node's expected shape. */
  sealed interface Shape permits Fields, AnyKeys, Seq, Scalar, Anything, Either {}

  /** A mapping with exactly these keys allowed. */
  record Fields(Map<String, Shape> fields) implements Shape {}

  /** A mapping whose keys are names chosen by the user (tables, parameters, codes), each value of a shape. */
  record AnyKeys(Shape value) implements Shape {}

  record Seq(Shape item) implements Shape {}

  record Scalar() implements Shape {}

  /** A parameter's value: any YAML. */
  record Anything() implements Shape {}

  record Either(Shape a, Shape b) implements Shape {}

  static final Shape SCALAR = new Scalar();
  static final Shape SCALARS = new Seq(SCALAR);

  static Fields fields(Object... kv) {
    Map<String, Shape> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Shape) kv[i + 1]);
    }
    return new Fields(m);
  }

  static final Shape YIBAO = fields(
      "lake", SCALAR, "master", SCALAR, "spark", new AnyKeys(SCALAR),
      "landing", fields("encoding", SCALAR, "encodings", new AnyKeys(SCALAR),
          "column_map", new AnyKeys(new AnyKeys(SCALAR))),
      "privacy", fields("small_cell_min_persons", SCALAR, "person_level_tables", SCALARS,
          "suppressed_columns", new Either(SCALARS, new AnyKeys(SCALARS)), "sql_access", SCALAR,
          "complementary", new AnyKeys(fields("key", SCALARS, "groups", new Seq(SCALARS), "by", SCALAR))));
  static final Shape CONTRACT = fields("table", SCALAR, "zh", SCALAR, "load_order", SCALAR, "key", SCALARS,
      "columns", new AnyKeys(SCALAR), "pii", new AnyKeys(SCALAR), "money", SCALARS);
  static final Shape EXPECTATIONS = fields("expectations",
      new Seq(fields("name", SCALAR, "expr", SCALAR, "action", SCALAR, "reason", SCALAR)));
  static final Shape POLICY = fields("parameters",
      new AnyKeys(new Seq(fields("years", SCALAR, "region", SCALAR, "value", new Anything(), "doc", SCALAR))));
  static final Shape MAPPINGS = fields("categories",
      new Seq(fields("id", SCALAR, "zh", SCALAR, "class", SCALAR, "when", SCALAR)));
  static final Shape CODES = new AnyKeys(new AnyKeys(SCALAR));

  /** Checks every known file of {@code conf}; throws a {@link ConfigException} on the first problem. */
  public static void check(Path conf) {
    check(conf.resolve("yibao.yml"), YIBAO);
    checkIfPresent(conf.resolve("codes.yml"), CODES);
    Set<String> tables = new TreeSet<>();
    for (Path f : yml(conf.resolve("contract"))) {
      check(f, CONTRACT);
      tables.add(stem(f));
    }
    for (Path f : yml(conf.resolve("expectations"))) {
      if (!stem(f).equals("_all") && !tables.contains(stem(f))) {
        throw new ConfigException(f + ": no landing table '" + stem(f) + "' (expectation files are named after a "
            + "table of conf/contract/, or _all.yml): " + tables);
      }
      check(f, EXPECTATIONS);
    }
    for (Path f : yml(conf.resolve("policy"))) {
      check(f, POLICY);
    }
    for (Path f : yml(conf.resolve("mappings"))) {
      check(f, MAPPINGS);
    }
  }

  private static void checkIfPresent(Path f, Shape s) {
    if (Files.exists(f)) {
      check(f, s);
    }
  }

  static void check(Path file, Shape shape) {
    Node root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).compose(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ConfigException("cannot parse " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root != null) {
      walk(file, root, shape, "");
    }
  }

  private static void walk(Path file, Node node, Shape shape, String path) {
    if (shape instanceof Scalar) {
      if (!(node instanceof ScalarNode)) {
        fail(file, node, path, "a single value is expected here");
      }
    } else if (shape instanceof Seq q) {
      if (!(node instanceof SequenceNode seq)) {
        fail(file, node, path, "a list is expected here");
        return;
      }
      int i = 0;
      for (Node item : seq.getValue()) {
        walk(file, item, q.item(), path + "[" + i++ + "]");
      }
    } else if (shape instanceof Either e) {
      try {
        walk(file, node, e.a(), path);
      } catch (ConfigException first) {
        walk(file, node, e.b(), path);
      }
    } else if (shape instanceof AnyKeys k) {
      for (NodeTuple t : mapping(file, node, path)) {
        walk(file, t.getValueNode(), k.value(), join(path, key(t)));
      }
    } else if (shape instanceof Fields f) {
      for (NodeTuple t : mapping(file, node, path)) {
        String key = key(t);
        Shape s = f.fields().get(key);
        if (s == null) {
          fail(file, t.getKeyNode(), join(path, key), "unknown key; valid here: " + f.fields().keySet());
        }
        walk(file, t.getValueNode(), s, join(path, key));
      }
    }
    // Anything: any value
  }

  private static List<NodeTuple> mapping(Path file, Node node, String path) {
    if (node instanceof MappingNode m) {
      return m.getValue();
    }
    if (node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null"))) {
      return List.of(); // an empty section ("spark:") is an empty map
    }
    fail(file, node, path, "a mapping (key: value) is expected here");
    return List.of();
  }

  private static String key(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static void fail(Path file, Node node, String path, String what) {
    throw new ConfigException(file + ":" + (node.getStartMark().getLine() + 1) + ": '" + path + "': " + what);
  }

  private static String stem(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static List<Path> yml(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted().toList());
      return out;
    } catch (IOException e) {
      throw new ConfigException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
