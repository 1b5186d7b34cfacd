package com.shipdelay.notification;

/**
 * A message was written to a merchant's inbox. Published inside the writing transaction: a
 * listener's own writes commit or roll back with the message.
 */
public record NotificationWritten(long merchantId, Long reportId, String type, String message) {}
