package com.shipdelay.exemption;

import java.util.List;

/** Published when an admin's announcement is saved, for the audit log. */
public record AnnouncementPublished(
    long announcementId, String admin, List<String> regions, long orders) {}
