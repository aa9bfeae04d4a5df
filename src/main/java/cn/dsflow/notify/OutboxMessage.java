package cn.dsflow.notify;

/** One queued notification as the worker reads it. */
record OutboxMessage(long id, Outbox.Channel channel, String destination, String recipientUsers, String event,
    String subject, String body, String link, int attempts) {}
