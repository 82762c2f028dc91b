package io.smsfoundation.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.app.http.Views.ConversationView;
import io.smsfoundation.ports.in.SetTenant;
import io.smsfoundation.ports.in.SetTenant.TenantCommand;
import java.util.Map;

/**
 * {@code PUT /conversations/{phone}/tenant} with {@code {"tenant_id": "..."}} or {@code
 * {"tenant_id": null}}: sets the conversation's tenant by hand (the directory never overrides it)
 * and answers the conversation.
 */
public final class TenantEndpoint implements Endpoint {

  private final SetTenant setTenant;
  private final JsonCodec json;

  public TenantEndpoint(SetTenant setTenant, JsonCodec json) {
    this.setTenant = setTenant;
    this.json = json;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    ObjectNode body = json.readObject(request.body());
    if (!body.has("tenant_id")) {
      throw ApiError.validation(
          "The request is invalid",
          Map.of("tenant_id", "is required: a tenant id, or null for no tenant"));
    }
    Map<String, String> fields = JsonCodec.textFields(body, "tenant_id");
    TenantCommand command = new TenantCommand(request.pathParam("phone"), fields.get("tenant_id"));
    return setTenant
        .set(command)
        .map(
            c -> {
              LogContext.conversation(c);
              return HttpReply.json(200, json.write(ConversationView.of(c)));
            })
        .orElseThrow(() -> ApiError.notFound("No conversation with this phone number"));
  }
}
