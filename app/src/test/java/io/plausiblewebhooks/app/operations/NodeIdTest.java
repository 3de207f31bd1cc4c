package io.plausiblewebhooks.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeIdTest {
    @Test
    void usesTheConfiguredIdTrimmed() {
        assertThat(NodeId.configuredOrGenerated("  web-1 ").value()).isEqualTo("web-1");
    }

    @Test
    void generatesHostPidAndRandomWhenNoneIsConfigured() {
        NodeId first = NodeId.configuredOrGenerated("");
        NodeId second = NodeId.configuredOrGenerated(null);

        assertThat(first.value()).contains("-" + ProcessHandle.current().pid() + "-").hasSizeLessThanOrEqualTo(100);
        assertThat(first).as("two instances in one process still differ").isNotEqualTo(second);
    }

    @Test
    void rejectsIdsThatDoNotFitTheLeaseOwnerColumn() {
        assertThatThrownBy(() -> new NodeId("x".repeat(101))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operations.nodeId");
        assertThatThrownBy(() -> new NodeId("two words")).isInstanceOf(IllegalArgumentException.class);
    }
}
