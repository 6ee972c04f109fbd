package dev.emostream.processor.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/** An error handler's context for input frames-1@42 of camera cam-1 (bytes 1, 2, 3), as a plain value for handler tests. */
final class FrameContext {
    private FrameContext() {
    }

    static final ErrorHandlerContext INSTANCE = new ErrorHandlerContext() {
        public String topic() {
            return "frames";
        }

        public int partition() {
            return 1;
        }

        public long offset() {
            return 42;
        }

        public Headers headers() {
            return new RecordHeaders().add("ce_id", "cam-1-r-42".getBytes(StandardCharsets.UTF_8));
        }

        public String processorNodeId() {
            return "emotion-events";
        }

        public TaskId taskId() {
            return new TaskId(0, 1);
        }

        public long timestamp() {
            return 0;
        }

        public byte[] sourceRawKey() {
            return "cam-1".getBytes(StandardCharsets.UTF_8);
        }

        public byte[] sourceRawValue() {
            return new byte[] {1, 2, 3};
        }
    };
}
