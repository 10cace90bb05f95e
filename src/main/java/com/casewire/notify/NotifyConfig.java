package com.casewire.notify;

import com.casewire.canonical.Channel;
import com.casewire.config.HubProperties;
import com.casewire.routesdir.Workflows;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotifyConfig {

    @Bean
    QuietHoursPolicy quietHoursPolicy(NotificationProperties n) {
        return new QuietHoursPolicy(n.quietHoursEnd(), n.quietHoursStart(),
                n.quietHoursChannels().stream().map(NotifyConfig::channel).collect(Collectors.toSet()));
    }

    @Bean
    ChannelSelector channelSelector(NotificationProperties notifications, OptOutList optOuts) {
        List<Channel> order = notifications.fallbackOrder().stream().map(NotifyConfig::channel).toList();
        return new ChannelSelector(order, optOuts::isOptedOut);
    }

    @Bean
    MessageTemplates messageTemplates(HubProperties hub) {
        return new MessageTemplates(Path.of(hub.routesDir(), "templates"), Workflows.TEMPLATES);
    }

    private static Channel channel(String id) {
        return Channel.parse(id).orElseThrow(() -> new IllegalArgumentException(
                "hub.notify: unknown channel '" + id + "' (expected sms, email or portal)"));
    }
}
