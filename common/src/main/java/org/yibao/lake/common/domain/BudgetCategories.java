package org.yibao.lake.common.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.Yaml;

/**
 * Expenditure categories of docs/policy.md §1 (JX-2026 二(一)1), mapped from a settlement's
 * {@code med_type}, {@code pay_method}, {@code dual_channel_flag} and {@code special_case_flag} by
 * the ordered rules of {@code conf/mappings/budget_category.yml}.
 */
public record BudgetCategories(List<Category> categories) {

  /** One category: id, Chinese name, class (inpatient/outpatient) and the predicate that selects it. */
  public record Category(String id, String zh, String medClass, String when) {}

  public static BudgetCategories load(Path confDir) {
    Path f = confDir.resolve("mappings/budget_category.yml");
    List<Category> out = new ArrayList<>();
    for (JsonNode c : Yaml.read(f).path("categories")) {
      String cls = c.path("class").asText();
      if (!cls.equals("inpatient") && !cls.equals("outpatient")) {
        throw new ConfigException(f + ": category " + c.path("id").asText() + " class must be inpatient or outpatient");
      }
      out.add(new Category(c.path("id").asText(), c.path("zh").asText(), cls, c.path("when").asText()));
    }
    if (out.isEmpty()) {
      throw new ConfigException(f + " defines no category");
    }
    return new BudgetCategories(List.copyOf(out));
  }

  /** The category column: the first rule that matches; "unmapped" when none does. */
  public Column categoryColumn() {
    Column c = functions.lit("unmapped");
    for (int i = categories.size() - 1; i >= 0; i--) {
      Category k = categories.get(i);
      c = functions.when(functions.coalesce(functions.expr(k.when()), functions.lit(false)), functions.lit(k.id()))
          .otherwise(c);
    }
    return c;
  }

  /** inpatient or outpatient, from the category. */
  public Column medClassColumn(Column category) {
    Column c = functions.lit(null).cast("string");
    for (Category k : categories) {
      c = functions.when(category.equalTo(k.id()), functions.lit(k.medClass())).otherwise(c);
    }
    return c;
  }

  public Category get(String id) {
    return categories.stream().filter(k -> k.id().equals(id)).findFirst()
        .orElseThrow(() -> new ConfigException("unknown budget category '" + id + "'"));
  }
}
