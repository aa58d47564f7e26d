package org.egov.telemetry.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline topics (replication 1: one broker) if they do not exist; never alters existing ones. */
final class StackTopics {

    private StackTopics() {
    }

    static int create(String bootstrap, int partitions, int timeoutSeconds, List<String> topics,
                      PrintStream out, PrintStream err) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetry-stack");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.currentTimeMillis() > deadline) {
                        err.println("Kafka " + bootstrap + " did not answer within " + timeoutSeconds + " s: " + e);
                        return StackCtl.TIMEOUT;
                    }
                    Thread.sleep(1000);
                }
            }
            List<NewTopic> wanted = new ArrayList<>();
            for (String t : topics) {
                wanted.add(new NewTopic(t, partitions, (short) 1));
            }
            int code = StackCtl.OK;
            var result = admin.createTopics(wanted);
            for (String t : topics) {
                try {
                    result.values().get(t).get();
                    out.println("created topic " + t + " (" + partitions + " partition" + (partitions == 1 ? "" : "s") + ")");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        out.println("topic " + t + " exists");
                    } else {
                        err.println("cannot create topic " + t + ": " + e.getCause());
                        code = StackCtl.FAILED;
                    }
                }
            }
            if (code == StackCtl.OK) {
                try {
                    Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS);
                    d.forEach((name, desc) -> {
                        if (desc.partitions().size() < partitions) {
                            out.println("note: " + name + " has " + desc.partitions().size()
                                    + " partition(s), fewer than the " + partitions + " asked for; left as it is");
                        }
                    });
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    err.println("cannot describe topics: " + e);
                }
            }
            return code;
        }
    }
}
