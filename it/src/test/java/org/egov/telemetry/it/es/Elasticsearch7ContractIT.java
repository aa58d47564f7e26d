package org.egov.telemetry.it.es;

import org.egov.telemetry.it.support.SearchDistribution;

/** The es-sink contract on Elasticsearch 7.17.29, with -Pes-matrix. */
class Elasticsearch7ContractIT extends SinkContract {

    @Override
    SearchDistribution distribution() {
        return SearchDistribution.ELASTICSEARCH_7_17;
    }
}
