package org.egov.telemetry.it.es;

import org.egov.telemetry.it.support.SearchDistribution;

/** The es-sink contract on Elasticsearch 8.19.21, in the default build. */
class Elasticsearch8ContractIT extends SinkContract {

    @Override
    SearchDistribution distribution() {
        return SearchDistribution.ELASTICSEARCH_8_19;
    }
}
