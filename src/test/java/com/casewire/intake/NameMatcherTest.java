package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The conflict pre-check's name matching: true matches and near misses, with the verdict each must get. */
class NameMatcherTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Jane Doe                 | Jane Doe                     | MATCH
            jane doe                 | JANE DOE                     | MATCH
            José Álvarez             | Jose Alvarez                 | MATCH
            Zoë Müller               | Zoe Muller                   | MATCH
            Doe, Jane                | Jane Doe                     | MATCH
            Doe Jane                 | Jane Doe                     | MATCH
            J. Doe                   | Jane Doe                     | MATCH
            Jane Doe                 | J Doe                        | MATCH
            Doe, J.                  | Jane Doe                     | MATCH
            Jane Q. Doe              | Jane Doe                     | MATCH
            Jane Quinn Doe           | Jane Q Doe                   | MATCH
            Dr. Jane Doe Jr.         | jane doe                     | MATCH
            Seán O'Brien             | Sean OBrien                  | MATCH
            Acme Trucking, Inc.      | ACME Trucking                | MATCH
            Acme Trucking LLC        | acme trucking corp           | MATCH
            Anne-Marie Dupont        | Anne Marie Dupont            | MATCH
            Jane Doe                 | John Doe                     | NO_MATCH
            Jane Doe                 | Jane Dow                     | NO_MATCH
            Jon Smith                | John Smith                   | NO_MATCH
            A. Smith                 | John Smith                   | NO_MATCH
            Doe                      | Jane Doe                     | NO_MATCH
            Jane Doe                 | Doe Trucking                 | NO_MATCH
            Jane Quinn Doe           | Jane Ruth Doe                | NO_MATCH
            Acme Trucking            | Acme Logistics               | NO_MATCH
            Maria Garcia             | Mario Garcia                 | NO_MATCH
            J. Doe                   | K. Doe                       | NO_MATCH
            ''                       | Jane Doe                     | NO_MATCH
            """)
    void verdict(String a, String b, String expected) {
        boolean match = NameMatcher.matches(a, b);

        assertThat(match ? "MATCH" : "NO_MATCH").as("%s vs %s", a, b).isEqualTo(expected);
        assertThat(NameMatcher.matches(b, a)).as("symmetric: %s vs %s", b, a).isEqualTo(match);
    }
}
