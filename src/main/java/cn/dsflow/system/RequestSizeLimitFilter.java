package cn.dsflow.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an oversize request body with 413 before anything parses it: JSON bodies of the APIs are small, and only
 * multipart uploads (evidence) may be larger, up to Spring's multipart limit. What counts is the bytes that arrive, not
 * what the client declares: a body sent in chunks has no Content-Length, so it is read here up to one byte past the
 * limit and handed on from memory only when it fits (issue 13: an 8 MB chunked start was stored). A form post (the webapp
 * login) cannot be read ahead, because the container parses its parameters from its own stream: its bytes are counted
 * as the reader takes them, and the request is answered 413 once the count passes the limit. The container's form
 * limit ({@code server.tomcat.max-http-form-post-size}) covers the parameters it parses itself.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  static final int MAX_JSON_BYTES = 1_048_576;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/")) {
      chain.doFilter(request, response);
      return;
    }
    long declared = request.getContentLengthLong();
    if (declared > MAX_JSON_BYTES) {
      refuse(response);
      return;
    }
    if (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
      CountedBody counted = new CountedBody(request);
      // a reader that failed on our limit reports an error of its own; the answer is ours to give
      HttpServletResponse answer = new HttpServletResponseWrapper(response) {
        @Override
        public void sendError(int status, String message) throws IOException {
          if (counted.exceeded) {
            setStatus(status);
          } else {
            super.sendError(status, message);
          }
        }

        @Override
        public void sendError(int status) throws IOException {
          sendError(status, null);
        }
      };
      try {
        chain.doFilter(counted, answer);
      } catch (IOException | ServletException | RuntimeException e) {
        if (!counted.exceeded) {
          throw e;
        }
      }
      if (counted.exceeded && !response.isCommitted()) {
        response.reset();
        refuse(response);
      }
      return;
    }
    if (declared >= 0) {
      chain.doFilter(request, response); // the container reads exactly the declared length, no more
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_JSON_BYTES + 1);
    if (body.length > MAX_JSON_BYTES) {
      refuse(response);
      return;
    }
    chain.doFilter(new RequestBodyInMemory(request, body), response);
  }

  private static void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"error\":\"payload_too_large\",\"message\":\"请求体超过 1 MB (request body larger than 1 MB)\"}");
  }

  /** The request whose body is counted as it is read; past the limit, reading fails and the filter answers 413. */
  private static final class CountedBody extends HttpServletRequestWrapper {

    private boolean exceeded;
    private ServletInputStream stream;

    CountedBody(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(Math.max(n, 0));
            return n;
          }

          private void count(int n) throws IOException {
            read += n;
            if (read > MAX_JSON_BYTES) {
              exceeded = true;
              throw new IOException("request body larger than " + MAX_JSON_BYTES + " bytes");
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
