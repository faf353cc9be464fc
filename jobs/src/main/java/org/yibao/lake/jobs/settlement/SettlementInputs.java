package org.yibao.lake.jobs.settlement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.Yaml;

/**
 * Figures a settlement needs that the lake has no source for, entered by the agency (经办机构) in
 * {@code conf/settlement_inputs/<year>.yml} and versioned with the configuration: per community the
 * manual deductions, the adjustment and risk funds of the {@code revenue_share} scheme and the payment
 * dates of the monthly pre-settlements; per capitation scope the initial control total C and the
 * adjustment and cross-region amount, and per institution the special fees, monthly prepaid amounts and
 * deductions (LS-2020 三(二), 三(四)1, 6). A
 * missing file means no manual figures (all zero, no payment recorded). The run records the file's hash.
 */
public record SettlementInputs(int year, Map<String, Community> medcommunities, List<Capitation> capitation,
    String source, String sha256) {

  /** One community's manual figures (yuan); {@code payments} maps a month {@code yyyy-MM} to the date it was paid. */
  public record Community(@JsonProperty("other_deductions") BigDecimal otherDeductions,
      @JsonProperty("adjustment_fund") BigDecimal adjustmentFund, @JsonProperty("risk_fund") BigDecimal riskFund,
      Map<String, LocalDate> payments) {}

  /**
   * One capitation scope of a pooling region (city): C, the signed adjustment, the cross-region outpatient
   * amount (异地就医金额), and per institution the approved special fees (门诊特殊费用), monthly prepaid and
   * deductions; the region's special fees are the sum of its institutions'.
   */
  public record Capitation(String region, String insutype, String scope,
      @JsonProperty("control_total") BigDecimal controlTotal, BigDecimal adjustment,
      @JsonProperty("cross_region") BigDecimal crossRegion, Map<String, InstitutionInput> institutions) {}

  public record InstitutionInput(BigDecimal special, @JsonProperty("monthly_prepaid") BigDecimal monthlyPrepaid,
      BigDecimal deductions) {}

  private record File(int year, Map<String, Community> medcommunities, List<Capitation> capitation) {}

  public static SettlementInputs none(int year) {
    return new SettlementInputs(year, Map.of(), List.of(), "none", "");
  }

  public static SettlementInputs load(Path confDir, int year) {
    Path f = confDir.resolve("settlement_inputs").resolve(year + ".yml");
    if (!Files.isRegularFile(f)) {
      return none(year);
    }
    File parsed = Yaml.read(f, File.class);
    if (parsed.year() != year) {
      throw new ConfigException(f + " says year " + parsed.year() + ", expected " + year);
    }
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
      return new SettlementInputs(year, parsed.medcommunities() == null ? Map.of() : parsed.medcommunities(),
          parsed.capitation() == null ? List.of() : parsed.capitation(), "conf/settlement_inputs/" + year + ".yml",
          sha.substring(0, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Community community(String id) {
    return medcommunities.getOrDefault(id, new Community(null, null, null, Map.of()));
  }

  public Capitation capitation(String region, String insutype, String scope) {
    return capitation.stream()
        .filter(c -> c.region().equals(region) && c.insutype().equals(insutype) && c.scope().equals(scope))
        .findFirst()
        .orElseThrow(() -> new ConfigException("capitation is enabled for " + region + " but " + source
            + " has no control_total for insutype " + insutype + ", scope " + scope
            + " (add it to conf/settlement_inputs/" + year + ".yml)"));
  }
}
