package io.smsfoundation.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.app.http.Views.ConversationView;
import io.smsfoundation.ports.in.SetWorkflow;
import io.smsfoundation.ports.in.SetWorkflow.WorkflowCommand;
import java.util.Map;

/**
 * {@code PUT /conversations/{phone}/workflow} with {@code {"workflow_type": "...", "workflow_id":
 * "..."}}: records the caller's workflow on the conversation (null clears a field) and answers the
 * conversation.
 */
public final class WorkflowEndpoint implements Endpoint {

  private final SetWorkflow setWorkflow;
  private final JsonCodec json;

  public WorkflowEndpoint(SetWorkflow setWorkflow, JsonCodec json) {
    this.setWorkflow = setWorkflow;
    this.json = json;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    ObjectNode body = json.readObject(request.body());
    Map<String, String> fields = JsonCodec.textFields(body, "workflow_type", "workflow_id");
    WorkflowCommand command =
        new WorkflowCommand(
            request.pathParam("phone"), fields.get("workflow_type"), fields.get("workflow_id"));
    return setWorkflow
        .set(command)
        .map(
            c -> {
              LogContext.conversation(c);
              return HttpReply.json(200, json.write(ConversationView.of(c)));
            })
        .orElseThrow(() -> ApiError.notFound("No conversation with this phone number"));
  }
}
