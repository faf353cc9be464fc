package org.yibao.lake.jobs.report;

import java.time.YearMonth;
import org.yibao.lake.common.config.ConfigException;

/**
 * What a monitoring report covers: a month ({@code --month}) or a year ({@code --year}, read at its last
 * month), for the province or one city ({@code --level city --entity CODE}).
 */
public record ReportScope(YearMonth month, boolean yearly, String level, String entity) {
  public ReportScope {
    if (!level.equals("province") && !level.equals("city")) {
      throw new ConfigException("unknown --level '" + level + "': province or city");
    }
    if (level.equals("city") && (entity == null || entity.isBlank())) {
      throw new ConfigException("--level city needs --entity CODE (a city's admdvs, e.g. 780100)");
    }
  }

  public int year() {
    return month.getYear();
  }

  /** The period as ads tables spell it: {@code 2025-12} or {@code 2025}. */
  public String period() {
    return yearly ? String.valueOf(year()) : month.toString();
  }

  public String periodType() {
    return yearly ? "year" : "month";
  }

  /** The period in Chinese: 2025年12月 or 2025年度. */
  public String periodZh() {
    return yearly ? year() + "年度" : year() + "年" + month.getMonthValue() + "月";
  }
}
