package com.shipdelay.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import com.shipdelay.ops.StartupLock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, the configured users, their authorisations and the Tasklist filters once the
 * engine is up, and brings existing ones to what this version grants: a database first set up by an
 * older version loses the broader grants it had ({@link GroupGrants}; the filters are {@link
 * TasklistFilters}). Every step is idempotent, so restarts and several nodes are safe.
 *
 * <p>What reviewers and leads may do (the README's role table says the same): open Tasklist; read
 * the process definition (Tasklist shows its name and diagram), their own groups and their review
 * colleagues (Tasklist shows who claimed a task); read, claim, unclaim and complete the tasks of
 * their candidate group, which the engine grants per task as READ + TASK_WORK ({@code
 * defaultUserPermissionNameForTask}). Nothing else: no variable writes, no assigning to others, no
 * identity-link changes, no history, no other users.
 */
@Component
class IdentityBootstrap {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
  static final String PROCESS_KEY = "DelayReportProcess";
  private static final List<String> REVIEW_GROUPS = List.of(Groups.REVIEWERS, Groups.REVIEW_LEADS);

  private final IdentityService identity;
  private final GroupGrants grants;
  private final TasklistFilters tasklistFilters;
  private final IdentitySettings settings;
  private final StartupLock startupLock;

  IdentityBootstrap(
      IdentityService identity,
      GroupGrants grants,
      TasklistFilters tasklistFilters,
      IdentitySettings settings,
      StartupLock startupLock) {
    this.identity = identity;
    this.grants = grants;
    this.tasklistFilters = tasklistFilters;
    this.settings = settings;
    this.startupLock = startupLock;
  }

  @EventListener(ApplicationStartedEvent.class)
  void atStart() {
    startupLock.exclusively(this::bootstrap); // nodes started together take turns
  }

  void bootstrap() {
    group(Groups.ADMINS, "平台管理员", "SYSTEM");
    group(Groups.REVIEWERS, "审核员", "WORKFLOW");
    group(Groups.REVIEW_LEADS, "审核组长", "WORKFLOW");
    settings.users().forEach(this::user);

    for (Resources resource : Resources.values()) {
      grants.grant(Groups.ADMINS, resource, ANY, Permissions.ALL);
    }
    List<String> colleagues =
        settings.users().stream()
            .filter(u -> u.groups().stream().anyMatch(REVIEW_GROUPS::contains))
            .map(IdentitySettings.User::id)
            .toList();
    for (String group : REVIEW_GROUPS) {
      Map<String, Permission[]> wanted = new LinkedHashMap<>();
      wanted.put(
          GroupGrants.key(Resources.APPLICATION, "tasklist"),
          new Permission[] {Permissions.ACCESS});
      wanted.put(
          GroupGrants.key(Resources.PROCESS_DEFINITION, PROCESS_KEY),
          new Permission[] {ProcessDefinitionPermissions.READ});
      for (String g : REVIEW_GROUPS) {
        wanted.put(GroupGrants.key(Resources.GROUP, g), new Permission[] {Permissions.READ});
      }
      for (String user : colleagues) {
        wanted.put(GroupGrants.key(Resources.USER, user), new Permission[] {Permissions.READ});
      }
      grants.reconcile(group, wanted);
    }

    tasklistFilters.reviewFilters();
  }

  private void group(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /**
   * Creates a configured user, or sets its password to the configured one: the configuration is the
   * source of passwords, so changing a variable and restarting changes the password.
   */
  private void user(IdentitySettings.User spec) {
    if (spec.password() == null || spec.password().isBlank()) {
      log.warn("Camunda user '{}' has no password configured; not created", spec.id());
      return;
    }
    User user = identity.createUserQuery().userId(spec.id()).singleResult();
    boolean created = user == null;
    if (created) {
      user = identity.newUser(spec.id());
      user.setFirstName(spec.firstName());
      user.setLastName(spec.lastName());
    }
    user.setPassword(spec.password());
    try {
      identity.saveUser(user);
      identity.unlockUser(spec.id());
    } catch (OptimisticLockingException otherNode) {
      log.info("Camunda user '{}' was saved by another node at the same time", spec.id());
    }
    if (created) {
      log.info("Created Camunda user '{}' in groups {}", spec.id(), spec.groups());
    }
    for (String group : spec.groups()) {
      if (identity.createUserQuery().userId(spec.id()).memberOfGroup(group).count() == 0) {
        identity.createMembership(spec.id(), group);
      }
    }
  }
}
