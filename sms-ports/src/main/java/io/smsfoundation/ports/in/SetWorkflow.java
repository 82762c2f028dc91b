package io.smsfoundation.ports.in;

import io.smsfoundation.domain.conversation.Conversation;
import java.util.Optional;

/** Records which workflow of the caller a conversation belongs to; the service never acts on it. */
public interface SetWorkflow {

  int MAX_FIELD_LENGTH = 200;

  /** The updated conversation, or empty when no conversation has that number. */
  Optional<Conversation> set(WorkflowCommand command);

  /** {@code workflowType} and {@code workflowId} may be {@code null} to clear them. */
  record WorkflowCommand(String phone, String workflowType, String workflowId) {

    public WorkflowCommand {
      new Validation()
          .require(Validation.present(phone), "phone", "is required")
          .requireStorable(phone, "phone")
          .requireStorable(workflowType, "workflow_type")
          .requireStorable(workflowId, "workflow_id")
          .require(
              workflowType == null || workflowType.length() <= MAX_FIELD_LENGTH,
              "workflow_type",
              "must be at most " + MAX_FIELD_LENGTH + " characters")
          .require(
              workflowId == null || workflowId.length() <= MAX_FIELD_LENGTH,
              "workflow_id",
              "must be at most " + MAX_FIELD_LENGTH + " characters")
          .throwIfInvalid();
    }
  }
}
