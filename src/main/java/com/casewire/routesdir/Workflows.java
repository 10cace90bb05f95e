package com.casewire.routesdir;

import com.casewire.billing.BillingTemplates;
import com.casewire.intake.IntakeTemplates;
import com.casewire.notify.PortalTemplates;
import com.casewire.notify.WorkflowTemplates;
import com.casewire.retainer.RetainerTemplates;
import com.casewire.statusupdate.StatusUpdateTemplates;
import com.casewire.timeentry.TimeEntryTemplates;
import java.util.List;

/** Every workflow's template declaration: what the renderer gives templates and what {@code --validate} checks. */
public final class Workflows {

    public static final List<WorkflowTemplates> TEMPLATES = List.of(StatusUpdateTemplates.DECLARED, IntakeTemplates.DECLARED,
            BillingTemplates.DECLARED, RetainerTemplates.DECLARED, TimeEntryTemplates.DECLARED, PortalTemplates.DECLARED);

    private Workflows() {
    }
}
