package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.SetWorkflow;
import io.smsfoundation.ports.out.ConversationStore;
import java.time.Clock;
import java.util.Optional;

/** Records a conversation's workflow type and id, found by any variant of its number. */
public final class SetWorkflowService implements SetWorkflow {

  private final ConversationStore conversations;
  private final ConversationFinder finder;
  private final ServiceClock clock;

  public SetWorkflowService(ConversationStore conversations, PhoneNumbers phones, Clock clock) {
    this.conversations = conversations;
    this.finder = new ConversationFinder(conversations, phones);
    this.clock = new ServiceClock(clock);
  }

  @Override
  public Optional<Conversation> set(WorkflowCommand command) {
    return finder
        .find(command.phone())
        .flatMap(
            conversation -> {
              conversations.setWorkflow(
                  conversation.id(), command.workflowType(), command.workflowId(), clock.now());
              return conversations.findById(conversation.id());
            });
  }
}
