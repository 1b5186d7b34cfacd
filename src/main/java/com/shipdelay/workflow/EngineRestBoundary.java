package com.shipdelay.workflow;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Where reviewers act on tasks: the engine's REST API and the webapps' copy of it. */
@Configuration
class EngineRestBoundary {

  /** Before the review desk's filter, so that it reads the body this one has cached. */
  @Bean
  FilterRegistrationBean<JavaObjectVariableFilter> javaObjectVariableFilter() {
    var registration = new FilterRegistrationBean<>(new JavaObjectVariableFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ReviewTaskFilter> reviewTaskFilter(
      TaskService tasks, HistoryService history, IdentityService identity) {
    var registration = new FilterRegistrationBean<>(new ReviewTaskFilter(tasks, history, identity));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    // after /engine-rest's authentication (HIGHEST_PRECEDENCE + 10): strangers get 401 first
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<DeploymentAuditFilter> deploymentAuditFilter(IdentityService identity) {
    var registration = new FilterRegistrationBean<>(new DeploymentAuditFilter(identity));
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
