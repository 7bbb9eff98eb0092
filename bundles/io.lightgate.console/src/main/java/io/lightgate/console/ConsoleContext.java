/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet context of the console and API: resources come from this bundle, and requests
 * that do not arrive on a loopback address must carry the configured password (HTTP Basic).
 * Without a password such requests are refused, so binding Felix HTTP to a public address
 * never exposes the gateway by accident.
 */
@Component(service = ServletContextHelper.class, configurationPid = "io.lightgate.console")
@HttpWhiteboardContext(name = ConsoleContext.NAME, path = "/")
@Designate(ocd = ConsoleConfiguration.class)
public final class ConsoleContext extends ServletContextHelper {

    static final String NAME = "io.lightgate.console";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleContext.class);

    private final byte[] password;
    private final boolean onLoopback;

    @Activate
    public ConsoleContext(BundleContext context, ConsoleConfiguration config) {
        super(context.getBundle());
        this.password = readPassword(config).getBytes(StandardCharsets.UTF_8);
        this.onLoopback = config.password_on_loopback();
        if (password.length == 0 && onLoopback) {
            LOG.error("password.on.loopback=true but no password is set in etc/io.lightgate.console.cfg: every request is refused;"
                    + " set 'password' or 'password.file'");
        }
    }

    private static String readPassword(ConsoleConfiguration config) {
        if (!config.password().isEmpty()) {
            return config.password();
        }
        if (config.password_file().isBlank()) {
            return "";
        }
        Path file = Path.of(config.password_file());
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            LOG.error("Cannot read the console password from {} (setting password.file in etc/io.lightgate.console.cfg): {};"
                    + " requests from other hosts are refused until it is readable", file.toAbsolutePath(), e.toString());
            return "";
        }
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean loopback = isLoopback(request.getLocalAddr());
        if (loopback && !onLoopback) {
            return true;
        }
        if (password.length == 0) {
            ApiErrors.send(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                    "The console is reachable from other hosts only with a password: set 'password' or 'password.file'"
                            + " in etc/io.lightgate.console.cfg");
            return false;
        }
        if (matches(request.getHeader("Authorization"))) {
            return true;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Lightgate\", charset=\"UTF-8\"");
        ApiErrors.send(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Password required (HTTP Basic, any user name)");
        return false;
    }

    private boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            byte[] given = (colon < 0 ? decoded : decoded.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(given, password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        try {
            // a literal address: no name lookup happens
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
