package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slack's external file upload, as the SDK's {@code files.uploadV2} drives it: {@code files.getUploadURLExternal}
 * hands out an upload URL (on the stand-in), the bytes are posted there, and {@code files.completeUploadExternal}
 * shares the files in a conversation.
 */
final class FileMethods {

    private final Workspace workspace;
    private final ApiAnswers answers;
    private final String uploadBaseUrl;

    /** {@code uploadBaseUrl} is where upload URLs point, e.g. {@code http://127.0.0.1:3000/demo/slack/upload/}. */
    FileMethods(Workspace workspace, ApiAnswers answers, String uploadBaseUrl) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.answers = Objects.requireNonNull(answers, "answers == null");
        this.uploadBaseUrl = Objects.requireNonNull(uploadBaseUrl, "uploadBaseUrl == null");
    }

    ObjectNode uploadUrl(Map<String, String> params) {
        if (ApiAnswers.blank(params.get("filename"))) {
            return answers.missing("filename");
        }
        if (ApiAnswers.blank(params.get("length"))) {
            return answers.missing("length");
        }
        long length;
        try {
            length = Long.parseLong(params.get("length").strip());
        } catch (NumberFormatException e) {
            return answers.error("invalid_arguments", "[ERROR] must be an integer [json-pointer:/length]");
        }
        if (length < 1 || length > Uploads.MAX_BYTES) {
            return answers.error("invalid_arguments", "[ERROR] must be between 1 and " + Uploads.MAX_BYTES
                    + " bytes in the demo [json-pointer:/length]");
        }
        String id = workspace.uploads().reserve(params.get("filename"), length);
        return answers.ok().put("upload_url", uploadBaseUrl + id).put("file_id", id);
    }

    ObjectNode completeUpload(Map<String, String> params) {
        if (ApiAnswers.blank(params.get("files"))) {
            return answers.missing("files");
        }
        JsonNode files = answers.parse(params.get("files"), "files");
        if (!files.isArray() || files.isEmpty()) {
            return answers.error("invalid_arguments", "[ERROR] must be a non-empty array [json-pointer:/files]");
        }
        Optional<String> conversation = Optional.empty();
        if (!ApiAnswers.blank(params.get("channel_id"))) {
            conversation = workspace.conversation(params.get("channel_id"));
            if (conversation.isEmpty()) {
                return answers.error("channel_not_found");
            }
        }
        List<Uploads.Upload> completed = new ArrayList<>();
        for (JsonNode file : files) {
            Optional<Uploads.Upload> upload = workspace.uploads().complete(file.path("id").asText(""),
                    file.path("title").asText(null));
            if (upload.isEmpty()) {
                return answers.error("file_not_found");
            }
            completed.add(upload.get());
        }
        conversation.ifPresent(c -> workspace.messages().post(c, DemoCast.BOT_USER_ID,
                params.getOrDefault("initial_comment", ""), null, params.get("thread_ts"),
                completed.stream().map(Uploads.Upload::id).toList()));
        ObjectNode answer = answers.ok();
        ArrayNode out = answer.putArray("files");
        completed.forEach(upload -> out.addObject().put("id", upload.id()).put("title", upload.title())
                .put("name", upload.filename()));
        return answer;
    }
}
