package com.casewire.ops;

import com.casewire.api.ApiAnswers;
import java.util.List;
import java.util.Map;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Behind the REST DSL in {@code camel/api.camel.yaml}: {@code GET /api/workflows} (API token) lists each workflow's
 * figures and whether it is paused; {@code POST /api/workflows/{workflow}/pause} and {@code .../resume} (operator
 * token) pause and resume one: paused, its messages are kept in the outbox and none is sent.
 */
@Component("workflowApi")
public class WorkflowApi {

    private final WorkflowActivityMBeans workflows;

    WorkflowApi(WorkflowActivityMBeans workflows) {
        this.workflows = workflows;
    }

    public List<Map<String, Object>> list() {
        return workflows.all().stream().map(WorkflowActivity::summary).toList();
    }

    public Object pause(@Header("workflow") String name, @Header("by") String by, Message message) {
        return workflows.workflow(name).<Object>map(w -> Map.of("workflow", name, "paused", true,
                        "changed", w.pauses().pause(name, caller(by, message))))
                .orElseGet(() -> unknown(message, name));
    }

    public Object resume(@Header("workflow") String name, @Header("by") String by, Message message) {
        return workflows.workflow(name).<Object>map(w -> Map.of("workflow", name, "paused", false,
                        "changed", w.pauses().resume(name, caller(by, message))))
                .orElseGet(() -> unknown(message, name));
    }

    private static Map<String, Object> unknown(Message message, String name) {
        return ApiAnswers.refuse(message, 404, "unknown_workflow", "no workflow '" + ApiAnswers.printable(name)
                + "'; the workflows are " + String.join(", ", WorkflowActivityMBeans.WORKFLOWS));
    }

    private static String caller(String by, Message message) {
        String name = ApiAnswers.printable(by);
        return (name.isEmpty() ? "api" : "api (" + name + ")") + " from " + ApiAnswers.remoteAddress(message);
    }
}
