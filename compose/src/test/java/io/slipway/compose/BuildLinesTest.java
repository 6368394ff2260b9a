package io.slipway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.LaunchListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildLinesTest {

    private final List<String> seen = new ArrayList<>();
    private final LaunchListener listener = new LaunchListener() {
        @Override
        public void building(String service, String line) {
            seen.add(service + " | " + line);
        }
    };

    @Test
    void eachLineGoesToTheServiceTheToolSaysItBuilds() {
        BuildLines lines = new BuildLines(List.of("api", "web"), listener, s -> s.replace("s3cret", "******"));
        for (String l : List.of("Sending build context", "Building web", "Step 1/2 : FROM busybox",
                "token s3cret", "Building api", "Step 1/1 : FROM busybox", "Building nothing-of-ours",
                "#5 [web 2/3] RUN echo hi", "#6 [internal] load metadata")) {
            lines.accept(l);
        }
        assertEquals(List.of("api | Sending build context", "web | Building web", "web | Step 1/2 : FROM busybox",
                "web | token ******", "api | Building api", "api | Step 1/1 : FROM busybox",
                "api | Building nothing-of-ours", "web | #5 [web 2/3] RUN echo hi", "web | #6 [internal] load metadata"),
                seen);
    }
}
