package cn.dsflow.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Sends a queued chat message to its robot in the platform's own format, signed when the robot has a secret. Errors
 * name the robot, never its URL (WeCom's carries the robot key) or its secret: they go to the log, the outbox row,
 * the audit chain and the officers' alarm list.
 */
@Component
public class ChatDelivery {

  /** Thrown with a message that is safe to log and store. */
  static class ChatDeliveryException extends Exception {
    ChatDeliveryException(String message) {
      super(message);
    }
  }

  private final ChatSettings settings;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  public ChatDelivery(ChatSettings settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
  }

  void deliver(OutboxMessage message) throws ChatDeliveryException {
    ChatSettings.Robot robot = settings.robot(message.destination());
    if (robot == null) {
      throw new ChatDeliveryException("robot " + message.destination() + " is no longer configured");
    }
    long now = System.currentTimeMillis(); // the platforms compare the signature's time with their own real clock
    String url = robot.url();
    Map<String, Object> body = new LinkedHashMap<>();
    switch (robot.platform()) {
      case WECOM -> {
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("content", message.body()));
      }
      case DINGTALK -> {
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("title", message.subject(), "text", message.body()));
        if (robot.signed()) {
          url += (url.contains("?") ? "&" : "?") + "timestamp=" + now + "&sign="
              + URLEncoder.encode(dingTalkSign(now, robot.secret()), StandardCharsets.UTF_8);
        }
      }
      case FEISHU -> {
        if (robot.signed()) {
          body.put("timestamp", String.valueOf(now / 1000));
          body.put("sign", feishuSign(now / 1000, robot.secret()));
        }
        body.put("msg_type", "interactive");
        body.put("card", Map.of(
            "header", Map.of("title", Map.of("tag", "plain_text", "content", message.subject())),
            "elements", java.util.List.of(Map.of("tag", "markdown", "content", message.body()))));
      }
    }
    post(robot, url, body);
  }

  private void post(ChatSettings.Robot robot, String url, Map<String, Object> body) throws ChatDeliveryException {
    HttpResponse<String> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build();
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatDeliveryException(robot + ": interrupted");
    } catch (IOException | IllegalArgumentException e) {
      // the exception's own message may quote the URL: only its kind is kept
      throw new ChatDeliveryException(robot + ": " + e.getClass().getSimpleName());
    }
    if (response.statusCode() / 100 != 2) {
      throw new ChatDeliveryException(robot + ": HTTP " + response.statusCode());
    }
    // all three answer HTTP 200 with an error code in the body when they refuse (bad sign, rate limit, keyword)
    String code = platformCode(response.body());
    if (code != null && !"0".equals(code)) {
      throw new ChatDeliveryException(robot + ": platform refused, code " + code);
    }
  }

  private String platformCode(String responseBody) {
    try {
      JsonNode answer = json.readTree(responseBody);
      for (String field : new String[] {"errcode", "code", "StatusCode"}) {
        if (answer != null && answer.hasNonNull(field)) {
          return answer.get(field).asText();
        }
      }
      return null;
    } catch (IOException e) {
      return null; // not JSON: the HTTP status already said yes
    }
  }

  /** DingTalk 加签: Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)), millisecond timestamp. */
  static String dingTalkSign(long timestampMillis, String secret) {
    return base64Hmac(secret.getBytes(StandardCharsets.UTF_8),
        (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Feishu 签名校验: Base64(HmacSHA256(key = timestamp + "\n" + secret, data = empty)), second timestamp. */
  static String feishuSign(long timestampSeconds, String secret) {
    return base64Hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  private static String base64Hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
