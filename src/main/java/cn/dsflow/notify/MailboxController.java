package cn.dsflow.notify;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.BeijingTime;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The default run's mail viewer: what the in-process SMTP server received, for the logged-in user (an administrator
 * sees every mailbox). Not available when a real SMTP server is configured.
 */
@RestController
class MailboxController {

  private final ObjectProvider<EmbeddedMailServer> server;
  private final CurrentUser currentUser;

  private final Pattern ownLink;

  MailboxController(
      ObjectProvider<EmbeddedMailServer> server,
      CurrentUser currentUser,
      @Value("${dsflow.public-url}") String publicUrl) {
    this.server = server;
    this.currentUser = currentUser;
    // only links into dsflow itself become clickable: a request's text is written by its requester, and a link to
    // elsewhere in it must not look like one the system sent
    this.ownLink = Pattern.compile(Pattern.quote(HtmlUtils.htmlEscape(publicUrl)) + "/[^\\s<>\"'&]*");
  }

  @GetMapping(value = "/api/mailbox", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  String mailbox() throws MessagingException, IOException {
    EmbeddedMailServer smtp = server.getIfAvailable();
    if (smtp == null) {
      throw ApiException.notFound("邮件查看仅在内置 SMTP 模式下可用 (mail viewer exists only with the in-process SMTP server)");
    }
    boolean admin = currentUser.isIn(Group.ADMIN);
    String me = currentUser.id();
    List<MimeMessage> mine = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MimeMessage m : smtp.receivedMessages()) {
      // the SMTP server keeps one copy per recipient; the viewer shows each mail once
      if ((admin || addressedTo(m, me)) && (m.getMessageID() == null || seen.add(m.getMessageID()))) {
        mine.add(m);
      }
    }
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>邮件 — dsflow</title>")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}article{border:1px solid #ccc;")
        .append("padding:1em;margin:1em 0}pre{white-space:pre-wrap}</style></head><body>")
        .append("<h1>收到的通知邮件</h1><p>").append(esc(admin ? "全部邮箱" : me))
        .append(" · 共 ").append(mine.size()).append(" 封（最新在前）</p>");
    for (int i = mine.size() - 1; i >= 0; i--) {
      MimeMessage m = mine.get(i);
      html.append("<article><h2>").append(esc(m.getSubject())).append("</h2><p>收件人：")
          .append(esc(recipients(m))).append(" · 时间：")
          .append(esc(BeijingTime.labelled(m.getSentDate()))).append("</p><pre>")
          .append(linked(esc(String.valueOf(m.getContent())))).append("</pre></article>");
    }
    return html.append("</body></html>").toString();
  }

  /**
   * By the recipient user ids the notifier wrote into the mail, never by the e-mail address of the viewer's profile: an
   * address can be set to a colleague's, a user id cannot (issue 12, mail theft).
   */
  private static boolean addressedTo(MimeMessage m, String userId) throws MessagingException {
    String[] header = m.getHeader(MailDelivery.RECIPIENTS_HEADER);
    if (userId == null || header == null) {
      return false;
    }
    for (String line : header) {
      if (Arrays.asList(line.split(",")).contains(userId)) {
        return true;
      }
    }
    return false;
  }

  private String linked(String escaped) {
    return ownLink.matcher(escaped).replaceAll(r -> "<a href=\"" + Matcher.quoteReplacement(r.group()) + "\">"
        + Matcher.quoteReplacement(r.group()) + "</a>");
  }

  private static String recipients(MimeMessage m) throws MessagingException {
    Address[] all = m.getAllRecipients();
    return all == null ? "-" : String.join("，", Arrays.stream(all).map(Address::toString).toList());
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
