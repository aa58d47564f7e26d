package org.egov.telemetry.it.es;

import org.egov.telemetry.it.support.SearchDistribution;

/** The es-sink contract on OpenSearch 2.19.6, in the default build. */
class OpenSearch2ContractIT extends SinkContract {

    @Override
    SearchDistribution distribution() {
        return SearchDistribution.OPENSEARCH_2_19;
    }
}
