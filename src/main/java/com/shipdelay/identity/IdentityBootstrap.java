package com.shipdelay.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, the configured users, their authorisations and the Tasklist filters once the
 * engine is up. Every step is "create if missing", so restarts and several nodes are safe.
 */
@Component
class IdentityBootstrap {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
  static final String PROCESS_KEY = "DelayReportProcess";

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final IdentitySettings settings;

  IdentityBootstrap(
      IdentityService identity,
      AuthorizationService authorizations,
      FilterService filters,
      TaskService tasks,
      IdentitySettings settings) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.settings = settings;
  }

  @EventListener(ApplicationStartedEvent.class)
  void bootstrap() {
    group(Groups.ADMINS, "平台管理员", "SYSTEM");
    group(Groups.REVIEWERS, "审核员", "WORKFLOW");
    group(Groups.REVIEW_LEADS, "审核组长", "WORKFLOW");

    for (Resources resource : Resources.values()) {
      grant(Groups.ADMINS, resource, ANY, Permissions.ALL);
    }
    for (String group : new String[] {Groups.REVIEWERS, Groups.REVIEW_LEADS}) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(
          group,
          Resources.PROCESS_DEFINITION,
          PROCESS_KEY,
          ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_HISTORY);
      grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
      grant(group, Resources.USER, ANY, Permissions.READ);
      grant(group, Resources.GROUP, ANY, Permissions.READ);
    }
    reviewFilter(
        "Delay reports to review", "待审核的延迟发货报备", 1, Groups.REVIEWERS, false, Groups.REVIEWERS);
    reviewFilter(
        "Escalated delay reports",
        "超过 48 小时、已升级给审核组长的报备",
        2,
        Groups.REVIEW_LEADS,
        false,
        Groups.REVIEW_LEADS);
    reviewFilter(
        "Due within 6 hours", "6 小时内到期的审核任务", 3, null, true, Groups.REVIEWERS, Groups.REVIEW_LEADS);

    settings.users().forEach(this::user);
  }

  private void group(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  private void user(IdentitySettings.User spec) {
    if (spec.password() == null || spec.password().isBlank()) {
      log.warn("Camunda user '{}' has no password configured; not created", spec.id());
      return;
    }
    if (identity.createUserQuery().userId(spec.id()).count() == 0) {
      User user = identity.newUser(spec.id());
      user.setFirstName(spec.firstName());
      user.setLastName(spec.lastName());
      user.setPassword(spec.password());
      identity.saveUser(user);
      log.info("Created Camunda user '{}' in groups {}", spec.id(), spec.groups());
    }
    for (String group : spec.groups()) {
      if (identity.createUserQuery().userId(spec.id()).memberOfGroup(group).count() == 0) {
        identity.createMembership(spec.id(), group);
      }
    }
  }

  private void grant(
      String group, Resource resource, String resourceId, Permission... permissions) {
    boolean exists =
        authorizations
                .createAuthorizationQuery()
                .groupIdIn(group)
                .resourceType(resource)
                .resourceId(resourceId)
                .count()
            > 0;
    if (exists) {
      return;
    }
    Authorization auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    auth.setGroupId(group);
    auth.setResource(resource);
    auth.setResourceId(resourceId);
    for (Permission permission : permissions) {
      auth.addPermission(permission);
    }
    authorizations.saveAuthorization(auth);
  }

  /**
   * A Tasklist filter on the review tasks, readable by the given groups. With {@code
   * candidateGroup} null it shows the tasks of the viewer's own groups.
   */
  private void reviewFilter(
      String name,
      String description,
      int priority,
      String candidateGroup,
      boolean dueSoon,
      String... readers) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    TaskQuery query = tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY);
    if (candidateGroup != null) {
      query.taskCandidateGroup(candidateGroup);
    } else {
      query.taskCandidateGroupInExpression("${currentUserGroups()}");
    }
    query.includeAssignedTasks();
    if (dueSoon) {
      query.dueBeforeExpression("${dateTime().plusHours(6)}");
    }
    query.orderByDueDate().asc();
    Filter filter =
        filters
            .newTaskFilter(name)
            .setOwner(null)
            .setQuery(query)
            .setProperties(
                Map.of("priority", priority, "description", description, "refresh", true));
    filters.saveFilter(filter);
    for (String group : readers) {
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
