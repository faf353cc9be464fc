package org.yibao.lake.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yibao.lake.common.config.Yaml;

/** The code lists of {@code conf/codes.yml}: list name → (code → Chinese/English name). */
public record Codes(Map<String, Map<String, String>> lists) {

  public static Codes load(Path confDir) {
    JsonNode n = Yaml.read(confDir.resolve("codes.yml"));
    Map<String, Map<String, String>> lists = new LinkedHashMap<>();
    n.fields().forEachRemaining(l -> {
      Map<String, String> codes = new LinkedHashMap<>();
      l.getValue().fields().forEachRemaining(c -> codes.put(c.getKey(), c.getValue().asText()));
      lists.put(l.getKey(), Map.copyOf(codes));
    });
    return new Codes(Map.copyOf(lists));
  }

  public Map<String, String> list(String name) {
    Map<String, String> l = lists.get(name);
    if (l == null) {
      throw new org.yibao.lake.common.config.ConfigException("conf/codes.yml has no list '" + name + "'");
    }
    return l;
  }
}
