package org.yibao.lake.common.config;

/** Bad usage or bad configuration: the CLI maps it to exit code 2 and prints only the message. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
