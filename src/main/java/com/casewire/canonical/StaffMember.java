package com.casewire.canonical;

/** A user of the firm (attorney, paralegal, billing manager). */
public record StaffMember(String id, String name, String email) {
}
