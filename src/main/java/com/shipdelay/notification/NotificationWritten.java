package com.shipdelay.notification;

/**
 * A message was written to a merchant's inbox. Published inside the writing transaction: a
 * listener's own writes commit or roll back with the message. {@code type} is a {@link
 * NotificationType}'s name, the value webhooks send as their event type.
 */
public record NotificationWritten(long merchantId, Long reportId, String type, String message) {}
