package com.casewire.practice.mycase;

import com.casewire.canonical.Matter;
import com.casewire.notify.NotificationProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A MyCase case as a canonical {@link Matter}: GET /cases/{id}, then its first client (GET /clients/{id}) and its
 * lead attorney (GET /staff/{id}), because a case names them by id only. Used by the adapter and by the change
 * normalizer, which must work whichever practice-management system the hub is set to.
 */
@Component
class MyCaseMatters {

    private final MyCaseClient mycase;
    private final String phoneRegion;
    private final String preferenceField;

    MyCaseMatters(MyCaseClient mycase, MyCaseProperties settings, NotificationProperties notifications) {
        this.mycase = mycase;
        this.phoneRegion = notifications.defaultPhoneRegion();
        this.preferenceField = settings.preferenceField();
    }

    Optional<Matter> find(String caseId) {
        return mycase.getCase(caseId).map(this::withPeople);
    }

    Matter withPeople(JsonNode kase) {
        String clientId = MyCaseMapper.firstClientId(kase);
        JsonNode client = clientId == null ? null : mycase.getClient(clientId).orElse(null);
        String staffId = MyCaseMapper.leadStaffId(kase);
        JsonNode attorney = staffId == null ? null : mycase.getStaff(staffId).orElse(null);
        return MyCaseMapper.toMatter(kase, client, attorney, phoneRegion, preferenceField);
    }

    String phoneRegion() {
        return phoneRegion;
    }

    String preferenceField() {
        return preferenceField;
    }
}
