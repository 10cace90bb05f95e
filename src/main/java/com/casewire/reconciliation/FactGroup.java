package com.casewire.reconciliation;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** The facts of one section that share a match key: what the aggregator completes and {@link Classifier} judges. */
public final class FactGroup {

    final String section;
    final String matchKey;
    final List<Fact> facts = new ArrayList<>();

    FactGroup(String section, String matchKey) {
        this.section = section;
        this.matchKey = matchKey;
    }

    List<Fact> side(String side) {
        return facts.stream().filter(f -> side.equals(f.side())).toList();
    }

    /**
     * The run route's aggregation strategy: folds the correlation query's rows (maps, ordered by key, each carrying
     * its group's size so the aggregator knows when a group is whole) into one {@link FactGroup} per key.
     */
    static final class Aggregation implements AggregationStrategy {
        @Override
        @SuppressWarnings("unchecked")
        public Exchange aggregate(Exchange groupSoFar, Exchange next) {
            Fact fact = Fact.of(next.getIn().getBody(java.util.Map.class));
            Exchange into = groupSoFar == null ? next : groupSoFar;
            FactGroup group = groupSoFar == null ? new FactGroup(fact.section(), fact.matchKey())
                    : groupSoFar.getIn().getBody(FactGroup.class);
            group.facts.add(fact);
            into.getIn().setBody(group);
            return into;
        }
    }
}
