package com.casewire.timeentry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationReplyTest {

    @Test
    void hoursMinutesAndLogLinesAreDurations() {
        assertThat(DurationReply.parse("1.2")).contains(new DurationReply(4320, null));
        assertThat(DurationReply.parse(" 1.2 ")).contains(new DurationReply(4320, null));
        assertThat(DurationReply.parse("LOG 1.2 drafted motion")).contains(new DurationReply(4320, "drafted motion"));
        assertThat(DurationReply.parse("log 0.5 call with client")).contains(new DurationReply(1800, "call with client"));
        assertThat(DurationReply.parse("45m")).contains(new DurationReply(2700, null));
        assertThat(DurationReply.parse("45 min")).contains(new DurationReply(2700, null));
        assertThat(DurationReply.parse("1.5h")).contains(new DurationReply(5400, null));
        assertThat(DurationReply.parse("1h30m")).contains(new DurationReply(5400, null));
        assertThat(DurationReply.parse(".3")).contains(new DurationReply(1080, null));
        assertThat(DurationReply.parse("LOG 45 min meeting notes")).contains(new DurationReply(2700, "meeting notes"));
        assertThat(DurationReply.parse("LOG 2 motion to compel")).contains(new DurationReply(7200, "motion to compel"));
    }

    @Test
    void anythingElseIsNot() {
        assertThat(DurationReply.parse("what is this?")).isEmpty();
        assertThat(DurationReply.parse("2 questions about the bill")).isEmpty();
        assertThat(DurationReply.parse("0")).isEmpty();
        assertThat(DurationReply.parse("25")).isEmpty();
        assertThat(DurationReply.parse("")).isEmpty();
        assertThat(DurationReply.parse(null)).isEmpty();
        assertThat(DurationReply.parse("LOG")).isEmpty();
        assertThat(DurationReply.parse("1.2.3")).isEmpty();
        assertThat(DurationReply.parse("45mins of work")).isEmpty();
    }
}
