package com.casewire.pages;

import com.casewire.config.HubProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * The server-rendered pages (approval, lead, booking, time entry): Thymeleaf templates under {@code templates/pages/}
 * on the classpath, each overridable by a file of the same name in {@code <hub.routes-dir>/templates/pages/} so a
 * firm can brand them beside its message templates; signed staff links; and the headers every page carries (links
 * are credentials: nothing is cached, and no Referer carries the token to another site).
 */
@Configuration
@EnableConfigurationProperties(PagesProperties.class)
class PagesConfig implements WebMvcConfigurer {

    static final String[] PAGE_PATHS = {"/approvals/**", "/staff/**", "/intake/book/**", "/time/**"};

    /** Checked before Boot's classpath resolver; answers only for page templates that exist in the routes directory. */
    @Bean
    @Order(0)
    ITemplateResolver routesDirPageTemplates(HubProperties hub) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(Path.of(hub.routesDir(), "templates").toAbsolutePath() + "/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setResolvablePatterns(Set.of("pages/*"));
        resolver.setCheckExistence(true);
        resolver.setCacheTTLMs(10_000L); // an edited template shows within seconds, without a restart
        resolver.setOrder(0);
        return resolver;
    }

    @Bean
    StaffLinks staffLinks(PagesProperties pages, HubProperties hub, Clock clock) {
        return new StaffLinks(pages.staffLinkSecret(), hub.publicBaseUrl(), pages.staffLinkTtl(), clock);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(jakarta.servlet.http.HttpServletRequest request,
                                     jakarta.servlet.http.HttpServletResponse response, Object handler) {
                response.setHeader("Cache-Control", "no-store");
                response.setHeader("Referrer-Policy", "no-referrer");
                return true;
            }
        }).addPathPatterns(PAGE_PATHS);
    }
}
