package com.shipdelay.identity;

/** The Camunda groups this application relies on. */
public final class Groups {

  public static final String ADMINS = "camunda-admin";
  public static final String REVIEWERS = "reviewers";
  public static final String REVIEW_LEADS = "review-leads";

  private Groups() {}
}
