package com.casewire.ops;

import com.casewire.outbox.OutboxSender;
import com.casewire.outbox.WorkflowPauses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jmx.export.MBeanExporter;
import org.springframework.stereotype.Component;

/**
 * One {@link WorkflowActivity} per workflow that sends messages, under the name each records on the communication
 * log; each is registered as an MBean, unless JMX is off ({@code spring.jmx.enabled=false}), and read by
 * {@code /api/workflows}.
 */
@Component
class WorkflowActivityMBeans implements SmartInitializingSingleton {

    /** The workflows' names on the communication log (each workflow's {@code WORKFLOW} constant). */
    static final List<String> WORKFLOWS = List.of("matter-status", "approval", "intake", "time-entry", "billing",
            "retainer", "reconciliation");

    private final ObjectProvider<MBeanExporter> exporter;
    private final Map<String, WorkflowActivity> workflows = new LinkedHashMap<>();

    WorkflowActivityMBeans(ObjectProvider<MBeanExporter> exporter, NamedParameterJdbcTemplate jdbc,
                           WorkflowPauses pauses, OutboxSender sender, ObjectProvider<Scheduler> quartz) {
        this.exporter = exporter;
        Scheduler scheduler = quartz.getIfAvailable();
        WORKFLOWS.forEach(name -> workflows.put(name, new WorkflowActivity(name, jdbc, pauses, sender, scheduler)));
    }

    @Override
    public void afterSingletonsInstantiated() {
        exporter.ifAvailable(jmx -> workflows.forEach((name, workflow) ->
                jmx.registerManagedResource(workflow, name(name))));
    }

    Optional<WorkflowActivity> workflow(String name) {
        return Optional.ofNullable(workflows.get(name));
    }

    List<WorkflowActivity> all() {
        return List.copyOf(workflows.values());
    }

    /** {@code com.casewire:type=Workflow,name=<workflow>} (the names are plain words: nothing to quote). */
    static ObjectName name(String workflow) {
        try {
            return new ObjectName("com.casewire:type=Workflow,name=" + workflow);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(workflow, e);
        }
    }
}
