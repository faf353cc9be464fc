package org.yibao.lake.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.CurrentStateJob;
import org.yibao.lake.jobs.dwd.SetlJob;
import org.yibao.lake.jobs.dws.FundExpenditureMonthJob;
import org.yibao.lake.jobs.dws.InsuredPersonYearJob;
import org.yibao.lake.jobs.flow.FlowOdJob;
import org.yibao.lake.jobs.flow.FlowRegionJob;
import org.yibao.lake.jobs.flow.MedcommunityTierJob;
import org.yibao.lake.jobs.indicator.AlertJob;
import org.yibao.lake.jobs.indicator.IndicatorJob;

/**
 * Every job, in dependency order, under its output table's name, and the groups the CLI accepts
 * ({@code --job dwd}, {@code --job dws}).
 */
public final class JobCatalog {
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();

  public JobCatalog() {
    group("dwd",
        new CurrentStateJob("admdvs", Tables.DIM_ADMDVS, "admdvs"),
        new CurrentStateJob("medcommunity", Tables.DIM_MEDCOMMUNITY, "medcommunity_id"),
        new CurrentStateJob("medins", Tables.DIM_MEDINS, "fixmedins_code", "begndate"),
        new CurrentStateJob("psn", Tables.DWD_PSN, "psn_no"),
        new CurrentStateJob("insu", Tables.DWD_INSU, "psn_no", "insutype", "begndate"),
        new CurrentStateJob("chronic_reg", Tables.DWD_CHRONIC_REG, "psn_no", "dise_type", "begndate"),
        new CurrentStateJob("fd_sign", Tables.DWD_FD_SIGN, "psn_no", "begndate"),
        new CurrentStateJob("fund_revenue", Tables.DWD_FUND_REVENUE, "admdvs", "insutype", "year", "kind"),
        new CurrentStateJob("manual_score", Tables.DWD_MANUAL_SCORE, "year", "medcommunity_id", "item"),
        new SetlJob());
    group("dws", new FundExpenditureMonthJob(), new InsuredPersonYearJob());
    group("flows", new FlowOdJob(), new FlowRegionJob(), new MedcommunityTierJob());
    group("indicators", new IndicatorJob(), new AlertJob());
  }

  private void group(String name, Job... members) {
    List<String> names = new ArrayList<>();
    for (Job j : members) {
      jobs.put(j.spec().name(), j);
      names.add(j.spec().name());
    }
    groups.put(name, List.copyOf(names));
  }

  /** All jobs in dependency order. */
  public List<Job> all() {
    return List.copyOf(jobs.values());
  }

  public List<Job> group(String name) {
    return groups.getOrDefault(name, List.of()).stream().map(jobs::get).toList();
  }

  /** Every job not in the named groups, in dependency order (what `demo` runs after ingest did dwd). */
  public List<Job> allExcept(String... groupNames) {
    List<String> skip = new ArrayList<>();
    for (String g : groupNames) {
      skip.addAll(groups.getOrDefault(g, List.of()));
    }
    return jobs.values().stream().filter(j -> !skip.contains(j.spec().name())).toList();
  }

  public Map<String, List<String>> groups() {
    return groups;
  }

  /** Resolves job and group names to jobs, in dependency order; unknown names are a usage error. */
  public List<Job> select(List<String> names) {
    if (names == null || names.isEmpty()) {
      return all();
    }
    List<String> wanted = new ArrayList<>();
    for (String n : names) {
      if (groups.containsKey(n)) {
        wanted.addAll(groups.get(n));
      } else if (jobs.containsKey(n)) {
        wanted.add(n);
      } else {
        throw new ConfigException("unknown job '" + n + "'; jobs: " + jobs.keySet() + ", groups: " + groups.keySet());
      }
    }
    return jobs.values().stream().filter(j -> wanted.contains(j.spec().name())).toList();
  }
}
