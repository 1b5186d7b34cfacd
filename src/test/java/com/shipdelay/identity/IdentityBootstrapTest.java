package com.shipdelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.IntegrationTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a start applies to an existing database: configured passwords and today's grants. */
@IntegrationTest
class IdentityBootstrapTest {

  @Autowired IdentityBootstrap bootstrap;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  @Test
  void theConfiguredPasswordIsAppliedAtEveryStart() {
    User lead = identity.createUserQuery().userId("lead").singleResult();
    lead.setPassword("changed-in-the-admin-webapp");
    identity.saveUser(lead);
    try {
      assertThat(identity.checkPassword("lead", "changed-in-the-admin-webapp")).isTrue();

      bootstrap.bootstrap(); // what the next start does

      assertThat(identity.checkPassword("lead", "lead-dev-password")).isTrue();
      assertThat(identity.checkPassword("lead", "changed-in-the-admin-webapp")).isFalse();
    } finally {
      // a failed check makes the engine lock the user for a while; the other tests log in as lead
      bootstrap.bootstrap();
      identity.unlockUser("lead");
    }
  }

  @Test
  void grantsLeftByAnOlderVersionAreNarrowed() {
    // what an older version granted reviewers: history, and every user
    Authorization history =
        authorizations
            .createAuthorizationQuery()
            .groupIdIn(Groups.REVIEWERS)
            .resourceType(Resources.PROCESS_DEFINITION)
            .resourceId(IdentityBootstrap.PROCESS_KEY)
            .singleResult();
    history.addPermission(ProcessDefinitionPermissions.READ_HISTORY);
    authorizations.saveAuthorization(history);
    Authorization allUsers = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    allUsers.setGroupId(Groups.REVIEWERS);
    allUsers.setResource(Resources.USER);
    allUsers.setResourceId(Authorization.ANY);
    allUsers.addPermission(Permissions.READ);
    authorizations.saveAuthorization(allUsers);

    bootstrap.bootstrap();

    assertThat(
            authorizations
                .createAuthorizationQuery()
                .groupIdIn(Groups.REVIEWERS)
                .resourceType(Resources.PROCESS_DEFINITION)
                .resourceId(IdentityBootstrap.PROCESS_KEY)
                .singleResult()
                .isPermissionGranted(ProcessDefinitionPermissions.READ_HISTORY))
        .isFalse();
    assertThat(
            authorizations
                .createAuthorizationQuery()
                .groupIdIn(Groups.REVIEWERS)
                .resourceType(Resources.USER)
                .resourceId(Authorization.ANY)
                .count())
        .isZero();
  }
}
