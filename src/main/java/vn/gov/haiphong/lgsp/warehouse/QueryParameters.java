package vn.gov.haiphong.lgsp.warehouse;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.enums.ParameterStyle;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters {@link DatasetQueryParser} reads, for the API documents of the data API
 * and open data (the handlers take them as one map, which documents nothing).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
    @Parameter(name = "sort", in = ParameterIn.QUERY, example = "-population,name",
            schema = @Schema(type = "string"),
            description = "Fields to sort by, comma-separated; a leading - sorts that field descending "
                    + "(at most 3 by default, lgsp.warehouse.query.max-sorts; more: DATA-417)"),
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number, from 0",
            schema = @Schema(type = "integer", minimum = "0", maximum = "1000000", defaultValue = "0")),
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Rows per page",
            schema = @Schema(type = "integer", minimum = "1", maximum = "" + DatasetQueryParser.MAX_SIZE,
                    defaultValue = "" + DatasetQueryParser.DEFAULT_SIZE)),
    @Parameter(name = "fields", in = ParameterIn.QUERY, example = "code,name,population",
            schema = @Schema(type = "string"),
            description = "Fields to return, comma-separated (default: every field the caller may see)"),
    @Parameter(name = "filters", in = ParameterIn.QUERY, style = ParameterStyle.FORM, explode = Explode.TRUE,
            description = "Any other parameter is an exact-match filter on the declared field it names "
                    + "(for example unitType=Xã); the value is checked against the field's type, and an "
                    + "undeclared (for open data: non-public) field is refused; at most 10 filters by default "
                    + "(lgsp.warehouse.query.max-filters; more: DATA-417)",
            schema = @Schema(type = "object", additionalPropertiesSchema = String.class))
})
public @interface QueryParameters {
}
