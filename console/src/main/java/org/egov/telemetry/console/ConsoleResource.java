package org.egov.telemetry.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console's read-only resources on the worker's REST port, under whatever security the worker's REST
 * server has: the pipeline as JSON, as Prometheus text, and the page with its assets (served from this jar,
 * the chart library from its WebJar).
 */
@Path("/telemetry")
public class ConsoleResource {

    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final String PAGE = "org/egov/telemetry/console/page/";
    private static final Map<String, String[]> ASSETS = Map.of(
            "console.js", new String[] {PAGE + "console.js", "text/javascript; charset=utf-8"},
            "console.css", new String[] {PAGE + "console.css", "text/css; charset=utf-8"},
            "uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

    private final Supplier<Map<String, Object>> view;

    public ConsoleResource(Supplier<Map<String, Object>> view) {
        this.view = view;
    }

    @GET
    @Path("pipeline")
    public Response pipeline() {
        return noCache(Response.ok(Json.toBytes(view.get()), MediaType.APPLICATION_JSON_TYPE));
    }

    @GET
    @Path("metrics")
    public Response metrics() throws IOException {
        return noCache(Response.ok(PrometheusView.of(view.get()), PrometheusView.CONTENT_TYPE));
    }

    @GET
    public Response page() throws IOException {
        return Response.ok(resource(PAGE + "index.html"), "text/html; charset=utf-8").build();
    }

    @GET
    @Path("assets/{name}")
    public Response asset(@PathParam("name") String name) throws IOException {
        String[] asset = ASSETS.get(name);
        if (asset == null) {
            throw new NotFoundException("No console asset " + name);
        }
        return Response.ok(resource(asset[0]), asset[1]).build();
    }

    private static Response noCache(Response.ResponseBuilder response) {
        CacheControl none = new CacheControl();
        none.setNoStore(true);
        return response.cacheControl(none).build();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ConsoleResource.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new NotFoundException("Missing from the plugin jar: " + path);
            }
            return in.readAllBytes();
        }
    }
}
