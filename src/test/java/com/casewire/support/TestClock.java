package com.casewire.support;

import com.casewire.routetest.MovableClock;

/** A clock that runs with real time but can be moved: tests jump to 23:00 or to the next morning. */
public class TestClock extends MovableClock {
}
