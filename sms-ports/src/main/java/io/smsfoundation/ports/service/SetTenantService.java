package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.SetTenant;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.TenantDirectory;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sets a conversation's tenant by hand, found by any variant of its number. The directory's cached
 * answers for the number are dropped, since a person just said they were wrong.
 */
public final class SetTenantService implements SetTenant {

  /** A concurrent change between reading and writing is retried this often before giving up. */
  private static final int ATTEMPTS = 3;

  private final ConversationStore conversations;
  private final ConversationFinder finder;
  private final TenantLinkChanges changes;
  private final TenantDirectory directory;
  private final PhoneNumbers phones;
  private final ServiceClock clock;

  SetTenantService(
      ConversationStore conversations,
      TenantLinkChanges changes,
      TenantDirectory directory,
      PhoneNumbers phones,
      Clock clock) {
    this.conversations = conversations;
    this.finder = new ConversationFinder(conversations, phones);
    this.changes = changes;
    this.directory = directory;
    this.phones = phones;
    this.clock = new ServiceClock(clock);
  }

  @Override
  public Optional<Conversation> set(TenantCommand command) {
    Optional<Conversation> found = finder.find(command.phone());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Conversation conversation = found.get();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      TenantChange change = conversation.setTenantByHand(command.tenantId());
      if (change instanceof TenantChange.Unchanged && conversation.tenantSetByHand()) {
        break;
      }
      if (changes.apply(conversation, change, TenantSource.MANUAL, clock.now())) {
        break;
      }
      // another job or request changed the link meanwhile: decide again on what is there now
      conversation = conversations.findById(conversation.id()).orElseThrow();
    }
    directory.forget(variantsOf(conversation));
    return conversations.findById(conversation.id());
  }

  private List<String> variantsOf(Conversation conversation) {
    Set<String> variants =
        new LinkedHashSet<>(phones.lookupVariants(conversation.address().original()));
    variants.addAll(phones.lookupVariants(conversation.address().canonical()));
    return List.copyOf(variants);
  }
}
