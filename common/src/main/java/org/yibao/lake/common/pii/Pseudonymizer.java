package org.yibao.lake.common.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.api.java.UDF1;

/**
 * Keyed hash (HMAC-SHA256) that replaces identity numbers at ingest (conf/contract, PII). The
 * same person keeps the same pseudonym across batches as long as the key ({@code YIBAO_PII_KEY}) is
 * the same; without the key the number cannot be recovered or re-derived by brute force.
 */
public final class Pseudonymizer implements UDF1<String, String> {
  private static final long serialVersionUID = 1L;
  private final byte[] key;
  private transient Mac mac;

  public Pseudonymizer(String key) {
    if (key == null || key.length() < 16) {
      throw new IllegalArgumentException("the PII key must be at least 16 characters");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String call(String value) throws GeneralSecurityException {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (mac == null) {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    }
    return HexFormat.of().formatHex(mac.doFinal(value.trim().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "Pseudonymizer[key=****]";
  }
}
