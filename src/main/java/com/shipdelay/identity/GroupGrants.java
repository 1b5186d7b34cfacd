package com.shipdelay.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.springframework.stereotype.Component;

/**
 * A group's engine authorisations: grants created once, and a group's grants brought to exactly
 * what this version gives it, narrowing what an older version granted more broadly.
 */
@Component
class GroupGrants {

  /** What the engine grants a candidate group on each of its tasks. */
  static final Permission[] TASK_PERMISSIONS = {TaskPermissions.READ, TaskPermissions.TASK_WORK};

  private final AuthorizationService authorizations;

  GroupGrants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** The key {@link #reconcile} takes a wanted grant under. */
  static String key(Resource resource, String resourceId) {
    return resource.resourceType() + "/" + resourceId;
  }

  /**
   * Gives a group exactly the wanted grants: missing ones are created, existing ones set to the
   * wanted permissions, and any other grant removed. The engine's per-task grants are narrowed to
   * {@link #TASK_PERMISSIONS} (tasks created by an older version were given UPDATE); filter grants
   * are the filters' business.
   */
  void reconcile(String group, Map<String, Permission[]> wanted) {
    Map<String, Permission[]> missing = new LinkedHashMap<>(wanted);
    for (Authorization auth :
        authorizations
            .createAuthorizationQuery()
            .groupIdIn(group)
            .authorizationType(AUTH_TYPE_GRANT)
            .list()) {
      int type = auth.getResourceType();
      if (type == Resources.FILTER.resourceType()) {
        continue;
      }
      if (type == Resources.TASK.resourceType()) {
        if (auth.isPermissionGranted(TaskPermissions.UPDATE)
            || auth.isPermissionGranted(TaskPermissions.TASK_ASSIGN)) {
          setPermissions(auth, TASK_PERMISSIONS);
        }
        continue;
      }
      String key = type + "/" + auth.getResourceId();
      Permission[] permissions = missing.remove(key);
      if (permissions == null) {
        authorizations.deleteAuthorization(auth.getId());
      } else {
        setPermissions(auth, permissions);
      }
    }
    missing.forEach(
        (key, permissions) -> {
          int slash = key.indexOf('/');
          Resource resource = resourceOf(Integer.parseInt(key.substring(0, slash)));
          grant(group, resource, key.substring(slash + 1), permissions);
        });
  }

  private void setPermissions(Authorization auth, Permission[] wanted) {
    Permission[] candidates =
        Arrays.stream(
                auth.getResourceType() == Resources.TASK.resourceType()
                    ? TaskPermissions.values()
                    : auth.getResourceType() == Resources.PROCESS_DEFINITION.resourceType()
                        ? ProcessDefinitionPermissions.values()
                        : Permissions.values())
            .filter(p -> p.getValue() != Permissions.NONE.getValue())
            .filter(p -> p.getValue() != Permissions.ALL.getValue())
            .toArray(Permission[]::new);
    if (names(auth.getPermissions(candidates)).equals(names(wanted))) {
      return;
    }
    auth.setPermissions(wanted);
    authorizations.saveAuthorization(auth);
  }

  private static Set<String> names(Permission[] permissions) {
    return Arrays.stream(permissions).map(Permission::getName).collect(Collectors.toSet());
  }

  private static Resource resourceOf(int type) {
    for (Resources resource : Resources.values()) {
      if (resource.resourceType() == type) {
        return resource;
      }
    }
    throw new IllegalArgumentException("unknown resource type " + type);
  }

  /** Grants the permissions unless the group already has a grant on the resource. */
  void grant(String group, Resource resource, String resourceId, Permission... permissions) {
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
}
