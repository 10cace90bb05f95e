package com.casewire.retainer;

import java.util.Map;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;

/** The retainer workflow over JMX ({@code com.casewire:type=Retainer,name=reminders}): who is below, and the sweep. */
@ManagedResource(objectName = "com.casewire:type=Retainer,name=reminders", description = "Trust-retainer reminders")
public class RetainerOperations {

    private final Retainers retainers;
    private final RetainerSweep sweep;

    RetainerOperations(Retainers retainers, RetainerSweep sweep) {
        this.retainers = retainers;
        this.sweep = sweep;
    }

    @ManagedAttribute(description = "Matters whose trust retainer is below its threshold")
    public int getMattersBelowThreshold() {
        return retainers.belowThreshold().below();
    }

    @ManagedAttribute(description = "Matters below threshold by tier (matter-field, matter, practice-area, firm)")
    public Map<String, Long> getBelowThresholdByTier() {
        return retainers.countByTier();
    }

    @ManagedOperation(description = "Runs the retainer sweep now; returns what it did")
    public String runSweep() {
        return sweep.sweep().toString();
    }
}
