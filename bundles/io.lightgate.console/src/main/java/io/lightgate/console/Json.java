/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** JSON in and out of the API. Request bodies are limited to 64 KiB. */
final class Json {

    // Instants as ISO-8601 text without the jsr310 module (one serializer is all the API needs)
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .registerModule(new SimpleModule("instants").addSerializer(Instant.class, ToStringSerializer.instance)
                    // paths in their text form (/3/0/0), as the REST API has always shown them
                    .addSerializer(io.lightgate.api.LwM2mPath.class, ToStringSerializer.instance));
    private static final int MAX_BODY = 64 * 1024;

    private Json() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(response.getOutputStream(), body);
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The request's JSON object body; an empty body is an empty object.
     *
     * @throws IllegalArgumentException when the body is not a JSON object or too large
     */
    static ObjectNode body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
            }
            if (bytes.length == 0) {
                return MAPPER.createObjectNode();
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || node.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return (ObjectNode) node;
        }
    }
}
