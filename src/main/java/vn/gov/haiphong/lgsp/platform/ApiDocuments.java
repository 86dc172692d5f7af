package vn.gov.haiphong.lgsp.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.gov.haiphong.lgsp.security.gateway.GatewaySignature;

/**
 * The platform's OpenAPI documents, one per audience, generated from the controllers (springdoc)
 * and served at {@code /openapi/{group}} ({@code .yaml} as {@code /openapi.yaml/{group}}):
 * <ul>
 * <li>{@value #ADMIN}: the admin API, for operators (and served to them only);</li>
 * <li>{@value #DATA}: the warehouse's data API, for connected systems;</li>
 * <li>{@value #OPEN_DATA}: open data, for anyone;</li>
 * <li>{@value #GATEWAY}: the gateway's metadata services, for connected systems.</li>
 * </ul>
 * The last three are public, so that an agency's developers can generate a client before they
 * hold a secret. The protocols with specifications of their own are not here: VDXP (the national
 * axis protocol, docs/integrators.md) and SOAP (WSDL in {@code schemas/soap/}); nor the mediated services
 * themselves, whose descriptions the gateway serves per service.
 *
 * <p>Every refusal is RFC 9457 problem+json with the platform's error {@code code}: each document
 * defines that answer once (schema {@code Problem}) and gives it as every operation's default
 * response.
 */
@Configuration
public class ApiDocuments {

    public static final String ADMIN = "admin";
    public static final String DATA = "data";
    public static final String OPEN_DATA = "opendata";
    public static final String GATEWAY = "gateway";
    /** The groups anyone may read. */
    public static final List<String> PUBLIC_GROUPS = List.of(DATA, OPEN_DATA, GATEWAY);

    private static final String PROBLEM = "Problem";
    private static final String ERROR_CODES = " Error codes: docs/reference/errors.md.";

    @Bean
    GroupedOpenApi adminApiDocument() {
        return GroupedOpenApi.builder().group(ADMIN).displayName("Admin API (operators)")
                .pathsToMatch("/api/admin/**")
                .addOpenApiCustomizer(describe("LGSP Hải Phòng — admin API",
                        "Registry, imports, exchange dead letters, message log, gateway catalogue and grants, "
                                + "warehouse grants, users and SSO. Operator login (HTTP Basic or the console "
                                + "session) or an SSO bearer token; users and SSO need the admin role.",
                        Map.of("operatorLogin", basic("An operator account"), "bearerToken",
                                bearer("An access token of the platform's SSO (or the configured issuer)"))))
                .build();
    }

    @Bean
    GroupedOpenApi dataApiDocument() {
        return GroupedOpenApi.builder().group(DATA).displayName("Data API (connected systems)")
                .pathsToMatch("/api/data/**")
                .addOpenApiCustomizer(describe("LGSP Hải Phòng — shared data warehouse, data API",
                        "Query, upsert and delete rows of the declared datasets, with per-agency rights (deny "
                                + "by default). Query parameters other than sort, page, size and fields filter "
                                + "on declared fields (exact match).",
                        Map.of("hmacSignature", hmac(), "clientCredentials",
                                bearer("A client-credentials token of the platform's SSO"),
                                "systemBasic", basic("The connected system's id and secret (interim)"))))
                .build();
    }

    @Bean
    GroupedOpenApi openDataDocument() {
        return GroupedOpenApi.builder().group(OPEN_DATA).displayName("Open data (public)")
                .pathsToMatch("/opendata", "/opendata/**")
                .addOpenApiCustomizer(describe("LGSP Hải Phòng — open data",
                        "The public fields of the datasets that declare any, as JSON or CSV, without login; "
                                + "rate-limited per client address (429 with Retry-After).",
                        Map.of()))
                .build();
    }

    @Bean
    GroupedOpenApi gatewayMetadataDocument() {
        return GroupedOpenApi.builder().group(GATEWAY).displayName("Service gateway metadata (connected systems)")
                .pathsToMatch("/gw/meta/**")
                .addOpenApiCustomizer(describe("LGSP Hải Phòng — service gateway metadata",
                        "What the gateway offers and what the calling system may use. Services themselves are "
                                + "called at /gw/r1/{serviceCode}/… (REST) and /gw/soap/{serviceCode} (SOAP); each "
                                + "one's own description is served by the last operation here.",
                        Map.of("hmacSignature", hmac(), "clientCredentials",
                                bearer("A client-credentials token of the platform's SSO"))))
                .build();
    }

    /** Title, description, the security schemes (any one of them suffices) and the problem answer. */
    private static OpenApiCustomizer describe(String title, String description, Map<String, SecurityScheme> schemes) {
        return api -> {
            api.info(new Info().title(title).version("1").description(description + ERROR_CODES));
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.components(components.addSchemas(PROBLEM, problemSchema()));
            schemes.forEach(components::addSecuritySchemes);
            api.security(schemes.keySet().stream().map(name -> new SecurityRequirement().addList(name)).toList());
            ApiResponse refusal = new ApiResponse().description("Refused: RFC 9457 problem+json with the error code")
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            if (api.getPaths() != null) {
                api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getResponses() != null) {
                        operation.getResponses().addApiResponse("default", refusal);
                    }
                }));
            }
        };
    }

    private static Schema<?> problemSchema() {
        ObjectSchema problem = new ObjectSchema();
        problem.description("A refusal (RFC 9457)")
                .addProperty("type", new StringSchema().example("urn:lgsp:error:data-forbidden"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("The platform's error code").example("DATA-403"));
        problem.setRequired(List.of("title", "status", "code"));
        return problem;
    }

    private static SecurityScheme basic(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic").description(description);
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description(description);
    }

    /** OpenAPI has no type for a signature over several headers; this names the one that carries it. */
    private static SecurityScheme hmac() {
        return new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name(GatewaySignature.SIGNATURE).description("HMAC-SHA256 with freshness over method, path, query, "
                        + "body hash, system, timestamp and nonce (headers "
                        + String.join(", ", GatewaySignature.SYSTEM, GatewaySignature.TIMESTAMP, GatewaySignature.NONCE,
                                GatewaySignature.CONTENT_SHA256)
                        + "): docs/integrators.md, \"Authentication: HMAC-SHA256 with freshness\", with a worked example");
    }
}
