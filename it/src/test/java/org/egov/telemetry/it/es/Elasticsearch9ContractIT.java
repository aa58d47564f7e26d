package org.egov.telemetry.it.es;

import org.egov.telemetry.it.support.SearchDistribution;

/** The es-sink contract on Elasticsearch 9.3.2 on Java 21+ (the Java 25 JDK), with -Pes-matrix. */
class Elasticsearch9ContractIT extends SinkContract {

    @Override
    SearchDistribution distribution() {
        return SearchDistribution.ELASTICSEARCH_9_3;
    }
}
