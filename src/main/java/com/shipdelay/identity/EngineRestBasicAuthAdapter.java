package com.shipdelay.identity;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Adapter: HTTP Basic on {@code /engine-rest}, so Camunda Modeler can deploy with an admin's
 * credentials. The engine REST API offers its Basic-auth provider only as an {@code impl} class
 * (named in the filter's {@code authentication-provider} parameter), so this is the one place that
 * names it; an engine upgrade or a move to a Camunda 7 fork changes only this file.
 */
@Configuration
class EngineRestBasicAuthAdapter {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(
        "authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
