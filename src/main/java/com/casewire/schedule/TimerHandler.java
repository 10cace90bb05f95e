package com.casewire.schedule;

/** Runs the due actions of one kind. Throwing puts the action back for a later attempt. */
public interface TimerHandler {

    String kind();

    void run(String actionKey, String payload);
}
