package com.casewire.practice.mycase;

import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.inbox.UnprocessableEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an inbox row written by {@link MyCasePoller} ({"resource","record","previous","created"}) into canonical
 * {@link MatterEvent}s (see {@link MyCaseChanges} for the vocabulary), each with its case as a {@link Matter}
 * (client and lead attorney fetched from MyCase). A task or document that belongs to no case is no matter event:
 * no events, and the row is done.
 */
@Component("myCaseChangeNormalizer")
public class MyCaseChangeNormalizer {

    private static final Logger log = LoggerFactory.getLogger(MyCaseChangeNormalizer.class);
    static final String SOURCE = "mycase";

    private final ObjectMapper json;
    private final MyCaseMatters matters;

    MyCaseChangeNormalizer(ObjectMapper json, MyCaseMatters matters) {
        this.json = json;
        this.matters = matters;
    }

    public List<MatterEvent> normalize(String payload, @Header("casewireDedupeKey") String dedupeKey,
                                       @Header("casewireReceivedAt") Instant receivedAt) throws IOException {
        JsonNode row = json.readTree(payload);
        String resource = row.path("resource").asText();
        JsonNode record = row.path("record");
        JsonNode previous = row.path("previous");
        MyCaseChanges.Seen seen = previous.isObject()
                ? new MyCaseChanges.Seen(MyCaseMapper.text(previous, "stage"), MyCaseMapper.text(previous, "status"))
                : null;
        List<MyCaseChanges.Change> changes = MyCaseChanges.classify(resource, record, seen,
                row.path("created").asBoolean(false));
        String recordId = MyCaseMapper.text(record, "id");
        String caseId = MyCaseChanges.CASES.equals(resource) ? recordId : MyCaseMapper.caseIdOf(record);
        if (caseId == null) {
            log.debug("MyCase {} {} belongs to no case: no matter event", resource, recordId);
            return List.of();
        }
        Matter matter = matters.find(caseId)
                .orElseThrow(() -> new UnprocessableEvent("MyCase case " + caseId + " does not exist"));
        Instant updatedAt = MyCaseMapper.instant(MyCaseMapper.text(record, "updated_at"));
        Instant occurredAt = updatedAt != null ? updatedAt : receivedAt;
        return changes.stream().map(change -> new MatterEvent(SOURCE, change.model(), change.event(), recordId, dedupeKey,
                matter, occurredAt, change.details())).toList();
    }
}
