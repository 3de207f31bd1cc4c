package io.plausiblewebhooks.adapter.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.plausiblewebhooks.domain.ValidationException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.stream.Collectors;

/**
 * Reads {@link ApiRequest} bodies. Stricter than the default JSON provider: a value of the wrong
 * JSON type is refused instead of coerced, and the failure names the field (422), while broken JSON
 * answers 400. Unknown fields are ignored. The body is read whole (at most 1 MiB, see
 * {@link BodyLimitFilter}) before parsing, so a too-large body answers 413 and never half-parses.
 */
@Consumes(MediaType.APPLICATION_JSON)
@Priority(1000)
public class StrictJsonReader implements MessageBodyReader<ApiRequest> {
    private final ObjectMapper mapper;

    public StrictJsonReader() {
        this.mapper = strictMapper();
    }

    /** Its own mapper, so that the strictness never leaks into the rest of the application. */
    static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        // Text fields take only JSON strings: 5 or true are not turned into "5" or "true".
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ApiRequest.class.isAssignableFrom(type);
    }

    @Override
    public ApiRequest readFrom(Class<ApiRequest> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] body = entityStream.readAllBytes();
        if (body.length == 0) {
            // No body: the resource decides whether it needs one (see Bodies.require).
            return null;
        }
        Object value;
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRequestException("the body must be a JSON object");
            }
            value = mapper.readValue(parser, mapper.constructType(genericType != null ? genericType : type));
        } catch (InvalidDefinitionException bug) {
            throw new IllegalStateException("cannot read " + type.getSimpleName(), bug);
        } catch (JsonMappingException wrongShape) {
            if (wrongShape.getPath().isEmpty()) {
                throw new MalformedRequestException("the body is not valid JSON for this request");
            }
            // A value of the wrong JSON type, or a number out of range, in a known field.
            throw new ValidationException(fieldOf(wrongShape), "has the wrong JSON type or is out of range");
        } catch (JsonProcessingException malformed) {
            throw new MalformedRequestException("the body is not valid JSON");
        }
        if (value == null) {
            throw new MalformedRequestException("the body must be a JSON object");
        }
        return (ApiRequest) value;
    }

    /** The JSON path of the failure as the API names fields: {@code params.window}, {@code threshold}. */
    static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }
}
