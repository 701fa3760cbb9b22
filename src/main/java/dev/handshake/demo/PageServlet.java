package dev.handshake.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code /demo} and {@code /demo/assets/*}: the demo's page, plain HTML, CSS and JavaScript read from the jar. The
 * page runs only its own scripts (a strict content security policy), so nothing a message says can run as code.
 */
final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ROOT = "/dev/handshake/demo/page/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String asset = request.getServletPath().equals("/demo") ? "index.html"
                : request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String extension = asset.substring(asset.lastIndexOf('.') + 1);
        if (!asset.matches("[a-z0-9-]+\\.[a-z]+") || !TYPES.containsKey(extension)) {
            notFound(response);
            return;
        }
        try (InputStream in = PageServlet.class.getResourceAsStream(ROOT + asset)) {
            if (in == null) {
                notFound(response);
                return;
            }
            response.setStatus(200);
            response.setContentType(TYPES.get(extension));
            response.setHeader("Content-Security-Policy", POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write("Not found");
    }
}
