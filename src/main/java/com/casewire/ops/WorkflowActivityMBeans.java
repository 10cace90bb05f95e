package com.casewire.ops;

import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jmx.export.MBeanExporter;
import org.springframework.stereotype.Component;

/**
 * Registers a {@link WorkflowActivity} MBean per workflow that sends messages, under the name each records on the
 * communication log. Nothing is registered where JMX is off ({@code spring.jmx.enabled=false}).
 */
@Component
class WorkflowActivityMBeans implements SmartInitializingSingleton {

    /** The workflows' names on the communication log (each workflow's {@code WORKFLOW} constant). */
    static final List<String> WORKFLOWS = List.of("matter-status", "approval", "intake", "time-entry", "billing",
            "retainer", "reconciliation");

    private final ObjectProvider<MBeanExporter> exporter;
    private final NamedParameterJdbcTemplate jdbc;

    WorkflowActivityMBeans(ObjectProvider<MBeanExporter> exporter, NamedParameterJdbcTemplate jdbc) {
        this.exporter = exporter;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        exporter.ifAvailable(jmx -> WORKFLOWS.forEach(workflow ->
                jmx.registerManagedResource(new WorkflowActivity(workflow, jdbc), name(workflow))));
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
