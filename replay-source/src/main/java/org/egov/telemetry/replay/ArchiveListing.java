package org.egov.telemetry.replay;

import org.egov.telemetry.s3.S3Clients;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

/** Lists the readable objects under a range's prefixes, in key order within each prefix. */
final class ArchiveListing {

    private ArchiveListing() {
    }

    static List<ArchiveObject> list(S3Client client, String bucket, ArchiveRange range) {
        List<ArchiveObject> objects = new ArrayList<>();
        for (String prefix : range.prefixes()) {
            try {
                for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                    if (ArchiveObject.readable(object.key())) {
                        objects.add(new ArchiveObject(object.key(), object.size()));
                    }
                }
            } catch (SdkException e) {
                throw S3Clients.translate("Listing s3://" + bucket + "/" + prefix, e);
            }
        }
        return objects;
    }

    /** The objects of task {@code index} of {@code count}: spread by a hash of the key, stable across restarts. */
    static List<ArchiveObject> share(List<ArchiveObject> objects, int index, int count) {
        return objects.stream().filter(o -> Math.floorMod(o.key().hashCode(), count) == index).toList();
    }
}
