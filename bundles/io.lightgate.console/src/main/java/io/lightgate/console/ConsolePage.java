/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The console's page, script and style sheet (this bundle's console/ folder) under /console/;
 * / and /console lead there.
 */
@Component(service = Servlet.class, immediate = true)
@HttpWhiteboardServletPattern({ "/", "/console/*" })
@HttpWhiteboardContextSelect(ConsoleContext.SELECT)
public final class ConsolePage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript", "css", "text/css",
            "png", "image/png", "svg", "image/svg+xml", "txt", "text/plain", "yaml", "application/yaml");

    private final transient Bundle bundle;

    @Activate
    public ConsolePage(BundleContext context) {
        this.bundle = context.getBundle();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty() || path.equals("/") || path.equals("/console") || path.equals("/console/")) {
            response.sendRedirect("/console/index.html");
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        // only plain file names from the console folder (dots between name parts, e.g. uPlot.iife.min.js): no "..", no sub-folders
        URL entry = path.startsWith("/console/") && name.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.[a-z]+") && TYPES.containsKey(extension)
                ? bundle.getEntry("console/" + name) : null;
        if (entry == null) {
            ApiErrors.send(response, 404, "not-found", "No such page: " + path);
            return;
        }
        response.setContentType(TYPES.get(extension));
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = entry.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
