package org.yibao.lake.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the YAML files under {@code conf/}; a missing or malformed file is a {@link ConfigException}. */
public final class Yaml {
  public static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private Yaml() {}

  public static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("configuration file not found: " + file);
    }
    try {
      JsonNode node = MAPPER.readTree(file.toFile());
      return node == null ? MAPPER.createObjectNode() : node;
    } catch (IOException e) {
      throw new ConfigException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  public static <T> T read(Path file, Class<T> type) {
    JsonNode node = read(file);
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      throw new ConfigException("invalid " + file + ": " + e.getMessage(), e);
    }
  }
}
