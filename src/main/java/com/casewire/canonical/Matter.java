package com.casewire.canonical;

/** A matter (Clio) or case (MyCase), with the people a workflow needs. */
public record Matter(String id, String displayNumber, String description, String status,
                     String practiceArea, StaffMember responsibleAttorney, Contact client) {

    /** What the client calls it: the description, else the number. */
    public String name() {
        return description != null && !description.isBlank() ? description : displayNumber;
    }
}
