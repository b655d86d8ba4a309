package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostCheckTest {

    @Test
    void aRebindingSiteNameIsRefusedWhileLoopbackNamesPass() {
        HostCheck check = new HostCheck("", "127.0.0.1");
        assertThat(check.allows("localhost:8080")).isTrue();
        assertThat(check.allows("127.0.0.1:8080")).isTrue();
        assertThat(check.allows("[::1]:8080")).isTrue();
        assertThat(check.allows("LOCALHOST")).isTrue();
        assertThat(check.allows("attacker.example:8080")).isFalse();
        assertThat(check.allows("localhost.attacker.example")).isFalse();
        assertThat(check.allows(null)).isFalse();
        assertThat(check.allows("")).isFalse();
    }

    @Test
    void configuredNamesAndAConcreteBindAddressPassButAWildcardBindAddsNothing() {
        HostCheck named = new HostCheck("line-box, line-box.plant.local", "10.0.0.5");
        assertThat(named.allows("line-box:8080")).isTrue();
        assertThat(named.allows("line-box.plant.local")).isTrue();
        assertThat(named.allows("10.0.0.5:8080")).isTrue();
        assertThat(named.allows("10.0.0.6:8080")).isFalse();
        assertThat(new HostCheck("", "0.0.0.0").allows("0.0.0.0:8080")).isFalse();
        assertThat(new HostCheck("*", "0.0.0.0").allows("anything:1")).isTrue();
    }
}
