package dev.handshake.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** {@code /demo/files/<id>}: downloads a file the app uploaded (the {@code /sla export} CSV). */
final class FilesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Uploads uploads;

    FilesServlet(Uploads uploads) {
        this.uploads = Objects.requireNonNull(uploads, "uploads == null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        Optional<Uploads.Upload> upload = uploads.find(id).filter(u -> u.content() != null);
        if (upload.isEmpty()) {
            response.setStatus(404);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("No such file");
            return;
        }
        String name = upload.get().filename();
        response.setStatus(200);
        response.setContentType(name.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/octet-stream");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        response.getOutputStream().write(upload.get().content());
    }
}
