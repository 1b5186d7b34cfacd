package com.shipdelay.merchant;

import com.shipdelay.web.ApiAccess;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller take the authenticated {@link Merchant} as a parameter. The filter has already
 * refused any request without one.
 */
@Configuration
class CurrentMerchant implements WebMvcConfigurer, HandlerMethodArgumentResolver {

  static {
    // the authenticated merchant is resolved from the token, not sent by the client: no parameter
    // of the OpenAPI description (the token is the merchantToken security scheme)
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Merchant.class);
  }

  @Bean
  FilterRegistrationBean<MerchantAuthFilter> merchantAuthFilter(Merchants merchants) {
    var registration = new FilterRegistrationBean<>(new MerchantAuthFilter(merchants));
    registration.addUrlPatterns(ApiAccess.MERCHANT.urlPattern());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Merchant.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Object merchant =
        webRequest.getAttribute(MerchantAuthFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (merchant == null) {
      throw new IllegalStateException("no authenticated merchant on " + parameter);
    }
    return merchant;
  }
}
