package cn.dsflow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The network address a request came from, for the identity service's password check, which runs deep inside the
 * engine where the request is out of reach. It is the connection's peer as the servlet container reports it: behind a
 * reverse proxy, set {@code server.forward-headers-strategy=native} so the container takes it from the proxy's
 * X-Forwarded-For, and only from trusted proxies (a client-chosen header would let a guesser change address at will).
 */
public class ClientAddress extends OncePerRequestFilter {

  /** Where a password check that no HTTP request carried (a Java caller, a test) is counted. */
  public static final String LOCAL = "local";

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  public static String current() {
    String address = CURRENT.get();
    return address == null ? LOCAL : address;
  }

  /** Runs the work as if it came from this address: for Java callers and tests. */
  public static <T> T as(String address, Supplier<T> work) {
    String before = CURRENT.get();
    CURRENT.set(address);
    try {
      return work.get();
    } finally {
      CURRENT.set(before);
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    CURRENT.set(request.getRemoteAddr());
    try {
      chain.doFilter(request, response);
    } finally {
      CURRENT.remove();
    }
  }
}
