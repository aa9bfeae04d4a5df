package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.notify.ChatSettings.Platform;
import cn.dsflow.notify.ChatSettings.Robot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each platform's payload and signature, as its robot documentation describes them, checked by a local stub. */
class ChatDeliveryTest {

  static final String WECOM_KEY = "wecom-key-0f9e8d7c";
  static final String DINGTALK_SECRET = "SECdingtalk-secret-1a2b3c";
  static final String FEISHU_SECRET = "feishu-secret-4d5e6f";

  final ObjectMapper json = new ObjectMapper();
  ChatRobotStub stub;
  ChatDelivery delivery;

  @BeforeEach
  void robots() throws Exception {
    stub = new ChatRobotStub();
    delivery = new ChatDelivery(new ChatSettings(List.of(
        new Robot("wecom", Platform.WECOM, stub.url("/cgi-bin/webhook/send?key=" + WECOM_KEY), null, null, null),
        new Robot("ding", Platform.DINGTALK, stub.url("/robot/send?access_token=ding-token"), DINGTALK_SECRET, null, null),
        new Robot("lark", Platform.FEISHU, stub.url("/open-apis/bot/v2/hook/lark-hook"), FEISHU_SECRET, null, null),
        new Robot("gone", Platform.WECOM, "http://127.0.0.1:" + closedPort() + "/cgi-bin/webhook/send?key=" + WECOM_KEY,
            null, null, null))), json);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  static OutboxMessage message(String robot) {
    return new OutboxMessage(1, Outbox.Channel.CHAT, robot, null, "SLOT_OPENED", "【数据安全合规】待审批：客户名单对外提供",
        "**【数据安全合规】待审批：客户名单对外提供**\n\n期限 2026-11-24 18:00 (北京时间)", "http://dsflow/x", 0);
  }

  @Test
  void weComGetsAMarkdownMessageAtItsKeyedUrl() throws Exception {
    delivery.deliver(message("wecom"));
    ChatRobotStub.Call call = stub.calls.get(0);
    assertThat(call.path()).isEqualTo("/cgi-bin/webhook/send");
    assertThat(call.query()).isEqualTo("key=" + WECOM_KEY);
    JsonNode body = json.readTree(call.body());
    assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.get("markdown").get("content").asText()).isEqualTo(message("wecom").body());
  }

  @Test
  void dingTalkSignedModeAddsAMillisecondTimestampAndTheHmacOfTimestampAndSecret() throws Exception {
    long before = System.currentTimeMillis();
    delivery.deliver(message("ding"));
    ChatRobotStub.Call call = stub.calls.get(0);
    Map<String, String> query = query(call.query());
    assertThat(query).containsEntry("access_token", "ding-token");
    long timestamp = Long.parseLong(query.get("timestamp"));
    assertThat(timestamp).isBetween(before, System.currentTimeMillis()); // milliseconds, within the platform's hour
    // 加签: HmacSHA256 keyed with the secret over "timestamp\nsecret", Base64, then URL-encoded into the query
    String expected = Base64.getEncoder().encodeToString(hmac(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8),
        (timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(URLDecoder.decode(query.get("sign"), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(call.query()).doesNotContain(DINGTALK_SECRET);
    JsonNode body = json.readTree(call.body());
    assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.get("markdown").get("title").asText()).isEqualTo(message("ding").subject());
    assertThat(body.get("markdown").get("text").asText()).isEqualTo(message("ding").body());
  }

  @Test
  void feishuSignedModePutsASecondTimestampAndTheHmacKeyedWithTimestampAndSecretInTheBody() throws Exception {
    long before = System.currentTimeMillis() / 1000;
    delivery.deliver(message("lark"));
    JsonNode body = json.readTree(stub.calls.get(0).body());
    long timestamp = Long.parseLong(body.get("timestamp").asText());
    assertThat(timestamp).isBetween(before, System.currentTimeMillis() / 1000); // seconds, not milliseconds
    // 签名校验: HmacSHA256 keyed with "timestamp\nsecret" over an empty message, Base64
    String expected = Base64.getEncoder().encodeToString(
        hmac((timestamp + "\n" + FEISHU_SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]));
    assertThat(body.get("sign").asText()).isEqualTo(expected);
    assertThat(body.get("msg_type").asText()).isEqualTo("interactive");
    assertThat(body.at("/card/header/title/content").asText()).isEqualTo(message("lark").subject());
    assertThat(body.at("/card/elements/0/tag").asText()).isEqualTo("markdown");
    assertThat(body.at("/card/elements/0/content").asText()).isEqualTo(message("lark").body());
    assertThat(stub.calls.get(0).body()).doesNotContain(FEISHU_SECRET);
  }

  @Test
  void aPlatformRefusalInAnHttp200IsAFailureWhoseMessageNamesTheRobotButNoSecret() {
    stub.answer = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
    assertThatThrownBy(() -> delivery.deliver(message("ding")))
        .isInstanceOf(ChatDelivery.ChatDeliveryException.class)
        .hasMessageContaining("robot ding").hasMessageContaining("310000")
        .hasMessageNotContaining(DINGTALK_SECRET).hasMessageNotContaining("ding-token");
    stub.answer = "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}";
    assertThatThrownBy(() -> delivery.deliver(message("lark"))).hasMessageContaining("19021");
  }

  @Test
  void anHttpErrorOrAnUnreachableRobotFailsWithoutQuotingTheKeyedUrl() {
    stub.status = 502;
    assertThatThrownBy(() -> delivery.deliver(message("wecom"))).hasMessageContaining("HTTP 502")
        .hasMessageNotContaining(WECOM_KEY);
    assertThatThrownBy(() -> delivery.deliver(message("gone"))).hasMessageContaining("robot gone")
        .hasMessageNotContaining(WECOM_KEY).hasMessageNotContaining("127.0.0.1");
  }

  @Test
  void aRobotRemovedFromTheConfigurationIsAFailureNotASilentDrop() {
    assertThatThrownBy(() -> delivery.deliver(message("removed"))).hasMessageContaining("no longer configured");
  }

  @Test
  void aMisconfiguredRobotStopsStartupWithoutEchoingItsUrl() {
    Robot noUrl = new Robot("x", Platform.WECOM, "ftp://h/send?key=" + WECOM_KEY, null, null, null);
    assertThatThrownBy(() -> new ChatSettings(List.of(noUrl))).hasMessageContaining("robots[0].url")
        .hasMessageNotContaining(WECOM_KEY);
    Robot noPlatform = new Robot("x", null, "https://h/", null, null, null);
    assertThatThrownBy(() -> new ChatSettings(List.of(noPlatform))).hasMessageContaining("robots[0].platform");
    Robot a = new Robot("same", Platform.WECOM, "https://h/a", null, null, null);
    assertThatThrownBy(() -> new ChatSettings(List.of(a, a))).hasMessageContaining("robots[1].name");
  }

  @Test
  void aRobotFollowsOnlyItsGroupsAndEvents() {
    Robot dso = new Robot("r", Platform.WECOM, "https://h/", null, Set.of("dso"), Set.of(ChatEvent.SLOT_OPENED));
    assertThat(dso.wants(ChatEvent.SLOT_OPENED, "dso")).isTrue();
    assertThat(dso.wants(ChatEvent.SLOT_OPENED, "legal")).isFalse();
    assertThat(dso.wants(ChatEvent.OVERDUE, "dso")).isFalse();
    Robot all = new Robot("r", Platform.WECOM, "https://h/", null, null, null);
    assertThat(all.wants(ChatEvent.OVERDUE, "legal")).isTrue();
    assertThat(all.toString()).doesNotContain("https://h/");
  }

  private static Map<String, String> query(String raw) {
    return List.of(raw.split("&")).stream().map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> p[1]));
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
