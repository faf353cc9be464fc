package org.yibao.lake.cli;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.Yaml;
import org.yibao.lake.common.domain.BudgetCategories;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.pii.SmallCells;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao export TABLE --out FILE}: a table (or its rows matching --where) as UTF-8 CSV or Parquet, for
 * analysts. Person-level tables are refused; small cells are hidden with complementary suppression
 * ({@code privacy} in conf/yibao.yml). A CSV file starts with a UTF-8 byte-order mark so Excel reads the Chinese
 * (on by default for a file, off for stdout; {@code --excel}/{@code --no-excel} decide). {@code --labels zh}
 * heads the columns in Chinese ({@code conf/labels.yml}) and adds the entity's name beside each code.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a table as UTF-8 CSV with a header (or Parquet), or several tables into --dir. "
        + "--out - writes CSV to stdout. "
        + "Person-level tables are refused; suppressed small cells (and their complements) are emptied.")
public final class ExportCommand implements Callable<Integer> {
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @ParentCommand Yibao root;

  @Parameters(arity = "1..*", paramLabel = "TABLE", description = "layer.name, e.g. ads.budget_city; several with --dir")
  List<String> tables;

  @Option(names = "--out", paramLabel = "FILE", description = "output file, or - for stdout (CSV)")
  String out;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "write each TABLE to DIR/<layer.name>.csv in one run (a table the lake lacks is skipped with a "
          + "warning): the notebooks' data step")
  String dir;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|parquet", description = "default ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--where", paramLabel = "SQL", description = "Spark SQL predicate selecting rows")
  String where;

  @Option(names = "--excel", negatable = true,
      description = "start the CSV with a UTF-8 byte-order mark for Excel (default: on for a file, off for stdout)")
  Boolean excel;

  @Option(names = "--labels", defaultValue = "id", paramLabel = "id|zh",
      description = "zh: Chinese column headers and entity names beside the codes (default ${DEFAULT-VALUE})")
  String labels;

  @Override
  public Integer call() {
    if ((out == null) == (dir == null)) {
      throw new ConfigException("give either --out FILE (one table) or --dir DIR (one or more tables)");
    }
    if (out != null && tables.size() != 1) {
      throw new ConfigException("--out takes one table; use --dir DIR for several");
    }
    if (dir != null && !format.equals("csv")) {
      throw new ConfigException("--dir writes CSV only");
    }
    if (!format.equals("csv") && !format.equals("parquet")) {
      throw new ConfigException("--format must be csv or parquet");
    }
    if (format.equals("parquet") && "-".equals(out)) {
      throw new ConfigException("Parquet cannot go to stdout; give --out FILE");
    }
    if (!labels.equals("id") && !labels.equals("zh")) {
      throw new ConfigException("--labels must be id or zh");
    }
    List<TableId> ids = tables.stream().map(TableId::parse).toList();
    try (CliContext ctx = CliContext.open(root, "export")) {
      for (TableId t : ids) {
        if (ctx.settings.isPersonLevel(t.toString())) {
          throw new ConfigException(t + " is person-level: exports never show a person-level row "
              + "(see privacy.person_level_tables in conf/yibao.yml)");
        }
      }
      if (dir != null) {
        Path d = Path.of(dir);
        try {
          Files.createDirectories(d);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create " + d, e);
        }
        for (TableId t : ids) {
          if (!ctx.lake().exists(t)) {
            System.err.println("skipped " + t + ": not in the lake");
            continue;
          }
          Path f = d.resolve(t + ".csv");
          try (OutputStream os = Files.newOutputStream(f)) {
            write(prepare(ctx, t), os, excel == null || excel);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
          }
          System.err.println("wrote " + f);
        }
        return Yibao.OK;
      }
      TableId t = ids.get(0);
      Dataset<Row> df = prepare(ctx, t);
      boolean bom = excel != null ? excel : !out.equals("-");
      if (out.equals("-")) {
        write(df, System.out, bom);
        System.out.flush();
      } else if (format.equals("csv")) {
        try (OutputStream os = Files.newOutputStream(Path.of(out))) {
          write(df, os, bom);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + out, e);
        }
        System.err.println("wrote " + out);
      } else {
        df.coalesce(1).write().mode("overwrite").parquet(out);
        System.err.println("wrote " + out + " (Parquet folder)");
      }
      return Yibao.OK;
    }
  }

  /** The rows an analyst may see: --where, small cells hidden with their complements, then the labels. */
  private Dataset<Row> prepare(CliContext ctx, TableId t) {
    Dataset<Row> df = ctx.lake().read(t);
    if (where != null) {
      df = df.where(where);
    }
    Path conf = ctx.settings.confDir();
    df = SmallCells.hide(df, ctx.settings.suppressedColumnsFor(t.toString()), SmallCells.complementFor(conf,
        t.toString()));
    return labels.equals("zh") ? chinese(ctx.lake(), conf, df) : df;
  }

  private static void write(Dataset<Row> df, OutputStream os, boolean bom) {
    if (bom) {
      try {
        os.write(BOM);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Output.csv(df, os);
  }

  /**
   * The table with Chinese headers ({@code conf/labels.yml} columns; a column not listed keeps its id) and, right
   * after each code column listed under {@code names}, the entity's name from its dimension table.
   */
  static Dataset<Row> chinese(Lake lake, Path conf, Dataset<Row> df) {
    Path f = conf.resolve("labels.yml");
    if (!Files.isRegularFile(f)) {
      throw new ConfigException("--labels zh needs " + f);
    }
    JsonNode file = Yaml.read(f);
    Map<String, String> headers = new LinkedHashMap<>();
    file.path("columns").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    Map<String, String> names = new LinkedHashMap<>();
    file.path("names").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
    Map<String, Column> dims = new LinkedHashMap<>();
    List<Column> select = new ArrayList<>();
    Dataset<Row> out = df;
    List<String> cols = List.of(df.columns());
    for (String c : cols) {
      String header = headers.getOrDefault(c, c);
      select.add(col(c).as(header));
      String dim = names.get(c);
      if (c.equals("category")) {
        BudgetCategories cats = BudgetCategories.load(conf);
        List<Column> kv = new ArrayList<>();
        cats.categories().forEach(k -> {
          kv.add(functions.lit(k.id()));
          kv.add(functions.lit(k.zh()));
        });
        select.add(functions.element_at(functions.map(kv.toArray(Column[]::new)), col(c)).as(nameHeader(header)));
      } else if (dim != null || c.equals("entity_id") && cols.contains("level")) {
        String alias = "_name_" + c;
        out = withName(lake, out, c, dim, alias);
        select.add(col(alias).as(nameHeader(header)));
      }
    }
    return out.select(select.toArray(Column[]::new));
  }

  private static String nameHeader(String header) {
    return header.endsWith("代码") ? header.substring(0, header.length() - 2) + "名称" : header + "名称";
  }

  /** Adds {@code alias}: the name of the code in {@code column} from dim.admdvs, dim.medcommunity or dim.medins. */
  private static Dataset<Row> withName(Lake lake, Dataset<Row> df, String column, String dim, String alias) {
    Dataset<Row> adm = names(lake, Tables.DIM_ADMDVS, "admdvs", "admdvs_name");
    Dataset<Row> mc = names(lake, Tables.DIM_MEDCOMMUNITY, "medcommunity_id", "medcommunity_name");
    Dataset<Row> mi = names(lake, Tables.DIM_MEDINS, "fixmedins_code", "fixmedins_name");
    if (dim == null) {
      // entity_id: the dimension follows the row's level
      Dataset<Row> all = adm.withColumn("_kind", functions.lit("admdvs"))
          .unionByName(mc.withColumn("_kind", functions.lit("medcommunity")))
          .unionByName(mi.withColumn("_kind", functions.lit("medins")));
      Column kind = functions.when(col("level").equalTo("medcommunity"), functions.lit("medcommunity"))
          .when(col("level").isin("medins", "institution"), functions.lit("medins")).otherwise(functions.lit("admdvs"));
      return df.withColumn("_kind_" + alias, kind)
          .join(all.withColumnRenamed("_code", "_code_" + alias).withColumnRenamed("_name", alias)
                  .withColumnRenamed("_kind", "_kind2_" + alias),
              col(column).equalTo(col("_code_" + alias)).and(col("_kind_" + alias).equalTo(col("_kind2_" + alias))),
              "left")
          .drop("_code_" + alias, "_kind_" + alias, "_kind2_" + alias);
    }
    Dataset<Row> d = switch (dim) {
      case "admdvs" -> adm;
      case "medcommunity" -> mc;
      case "medins" -> mi;
      default -> throw new ConfigException("conf/labels.yml names: unknown dimension " + dim);
    };
    return df.join(d.withColumnRenamed("_code", "_code_" + alias).withColumnRenamed("_name", alias),
        col(column).equalTo(col("_code_" + alias)), "left").drop("_code_" + alias);
  }

  /** code → one name per code (a dimension may keep several versions of a row). */
  private static Dataset<Row> names(Lake lake, TableId t, String code, String name) {
    if (!lake.exists(t)) {
      return lake.spark().sql("SELECT CAST(NULL AS STRING) AS _code, CAST(NULL AS STRING) AS _name WHERE false");
    }
    return lake.read(t).groupBy(col(code).as("_code")).agg(functions.max(col(name)).as("_name"));
  }
}
