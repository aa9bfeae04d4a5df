package cn.dsflow.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process SMTP server (GreenMail) for the default run and the tests: mail really goes over SMTP on loopback,
 * and what arrived can be read back at {@code /api/mailbox}. Restartable, so tests can take SMTP down and back up.
 */
public class EmbeddedMailServer {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

  private final int port;
  private GreenMail greenMail;

  public EmbeddedMailServer(int configuredPort) {
    this.port = configuredPort > 0 ? configuredPort : freePort();
  }

  public synchronized void start() {
    if (greenMail != null) {
      return;
    }
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    LOG.info("In-process SMTP server listening on 127.0.0.1:{}", port);
  }

  public synchronized void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  public synchronized boolean isRunning() {
    return greenMail != null;
  }

  public int port() {
    return port;
  }

  /** Every message received since the server last started, one copy per recipient. */
  public synchronized List<MimeMessage> receivedMessages() {
    return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
  }

  /** Forgets what was received (tests start from an empty mailbox). */
  public synchronized void purge() {
    if (greenMail != null) {
      try {
        greenMail.purgeEmailFromAllMailboxes();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for the in-process SMTP server", e);
    }
  }
}
