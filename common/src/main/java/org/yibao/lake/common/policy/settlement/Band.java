package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * One band of a surplus or overspend table (docs/policy.md §7): the part of the amount whose ratio to the
 * budget lies up to {@code upTo} (a fraction of B; null = no upper bound) is taken at {@code rate}.
 * Bands are listed in ascending order in config.
 */
public record Band(BigDecimal upTo, BigDecimal rate) {}
