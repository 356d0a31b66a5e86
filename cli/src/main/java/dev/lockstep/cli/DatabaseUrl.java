package dev.lockstep.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A database address as users write it (postgresql://user:password@host:port/db or a JDBC URL),
 * turned into a JDBC URL and credentials kept apart, so that nothing printed ever shows them.
 */
record DatabaseUrl(String jdbcUrl, Properties credentials, String display) {

  static DatabaseUrl parse(String url) {
    String u = url.strip();
    if (u.startsWith("jdbc:")) u = u.substring(5);
    if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
      throw new IllegalArgumentException("--database-url must be postgresql://[user[:password]@]host[:port]/database");
    }
    URI uri;
    try {
      uri = new URI(u.replaceFirst("^postgres(ql)?://", "postgresql://"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--database-url is not a valid URL (" + e.getReason() + ")");
    }
    Properties credentials = new Properties();
    if (uri.getRawUserInfo() != null) {
      String[] userInfo = uri.getRawUserInfo().split(":", 2);
      credentials.setProperty("user", decode(userInfo[0]));
      if (userInfo.length > 1) credentials.setProperty("password", decode(userInfo[1]));
    }
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2) credentials.setProperty(decode(kv[0]), decode(kv[1]));
      }
    }
    String password = System.getenv("PGPASSWORD");
    if (!credentials.containsKey("password") && password != null) credentials.setProperty("password", password);
    String address = host + ":" + port + "/" + database;
    return new DatabaseUrl("jdbc:postgresql://" + address, credentials, "postgresql://" + address);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
