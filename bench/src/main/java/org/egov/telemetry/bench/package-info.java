/** Benchmarks of the telemetry plugins; each prints its figures. See bench/README.md. */
package org.egov.telemetry.bench;
