package com.casewire.practice.mycase;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.practice.mycase.MyCaseChanges.Change;
import com.casewire.practice.mycase.MyCaseChanges.Seen;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixed vocabulary the milestone rules are written against. */
class MyCaseChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode kase(String status, String stage) throws Exception {
        return json(MyCaseFixtures.kase(2001, "Doe divorce", status, stage, "2026-03-10T12:00:00Z"));
    }

    @Test
    void aCaseWhoseStageMovedIsStageChangedWithBothStages() throws Exception {
        List<Change> changes = MyCaseChanges.classify("cases", kase("open", "Trial"), new Seen("Discovery", "open"), false);

        assertThat(changes).containsExactly(new Change("matter", "stage_changed", Map.of("name", "Doe divorce",
                "status", "open", "stage", "Trial", "previous_stage", "Discovery")));
    }

    @Test
    void aCaseThatClosedIsMatterClosed() throws Exception {
        List<Change> changes = MyCaseChanges.classify("cases", kase("closed", "Discovery"), new Seen("Discovery", "open"), false);

        assertThat(changes).extracting(Change::event).containsExactly("matter_closed");
        assertThat(changes.get(0).details()).containsEntry("previous_status", "open");
    }

    @Test
    void closingAndMovingTheStageTogetherIsBothEvents() throws Exception {
        List<Change> changes = MyCaseChanges.classify("cases", kase("closed", "Closed"), new Seen("Trial", "open"), false);

        assertThat(changes).extracting(Change::event).containsExactly("stage_changed", "matter_closed");
    }

    @Test
    void otherCaseChangesAreUpdatedAndNewCasesCreated() throws Exception {
        assertThat(MyCaseChanges.classify("cases", kase("open", "Discovery"), new Seen("discovery ", "open"), false))
                .extracting(Change::event).containsExactly("updated");
        assertThat(MyCaseChanges.classify("cases", kase("open", "Intake"), null, true))
                .containsExactly(new Change("matter", "created", Map.of("name", "Doe divorce", "status", "open",
                        "stage", "Intake")));
        // reopened: an update that says what the status was
        assertThat(MyCaseChanges.classify("cases", kase("open", "Discovery"), new Seen("Discovery", "closed"), false).get(0)
                .details()).containsEntry("previous_status", "closed");
    }

    @Test
    void aTaskThatBecameCompleteIsCompletedOnce() throws Exception {
        JsonNode done = json(MyCaseFixtures.task(9, "File motion", true, 2001L, "2026-03-10T12:00:00Z"));
        JsonNode open = json(MyCaseFixtures.task(9, "File motion", false, 2001L, "2026-03-10T12:00:00Z"));

        assertThat(MyCaseChanges.classify("tasks", done, new Seen(null, "open"), false))
                .containsExactly(new Change("task", "completed", Map.of("name", "File motion", "status", "completed")));
        assertThat(MyCaseChanges.classify("tasks", done, new Seen(null, "completed"), false))
                .extracting(Change::event).containsExactly("updated");
        assertThat(MyCaseChanges.classify("tasks", open, null, true)).extracting(Change::event).containsExactly("created");
        // created and completed between two polls: the completion is what matters
        assertThat(MyCaseChanges.classify("tasks", done, null, true)).extracting(Change::event).containsExactly("completed");
        assertThat(MyCaseChanges.seen("tasks", done)).isEqualTo(new Seen(null, "completed"));
    }

    @Test
    void aTaskStatusTextCountsWhenThereIsNoCompletedFlag() throws Exception {
        JsonNode done = json("{\"id\":3,\"name\":\"Call client\",\"status\":\"Complete\",\"case\":{\"id\":1}}");

        assertThat(MyCaseChanges.classify("tasks", done, new Seen(null, "open"), false))
                .containsExactly(new Change("task", "completed", Map.of("name", "Call client", "status", "Complete")));
    }

    @Test
    void anUploadedDocumentIsCreatedWithItsName() throws Exception {
        JsonNode doc = json(MyCaseFixtures.document(40, "Signed retainer.pdf", 2001, "2026-03-10T12:00:00Z", "2026-03-10T12:00:00Z"));
        JsonNode categorised = json("{\"id\":41,\"name\":\"Decree\",\"category\":{\"name\":\"Court filings\"}}");

        assertThat(MyCaseChanges.classify("documents", doc, null, true))
                .containsExactly(new Change("document", "created", Map.of("name", "Signed retainer.pdf")));
        assertThat(MyCaseChanges.classify("documents", categorised, null, false))
                .containsExactly(new Change("document", "updated", Map.of("name", "Decree", "category", "Court filings")));
        assertThat(MyCaseChanges.documentName(json("{\"path\":\"Pleadings/answer.docx\"}"))).isEqualTo("answer.docx");
    }
}
