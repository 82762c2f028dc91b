package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link io.smsfoundation.ports.out.UnitOfWork} must do with its stores. */
public abstract class UnitOfWorkContract {

  protected abstract StoreFixture newFixture();

  private StoreFixture fixture;

  @BeforeEach
  void setUpFixture() {
    fixture = newFixture();
  }

  @Test
  void writes_in_a_unit_of_work_commit_together() {
    String number = Samples.e164();
    Message message =
        fixture
            .unitOfWork()
            .inTransaction(
                tx -> {
                  Conversation c =
                      fixture.conversations().upsert(Samples.conversation(number, at(0)));
                  Message m = Samples.inbound(c.id(), Samples.sid(), at(0));
                  fixture.messages().insert(m);
                  fixture.tenantNumbers().recordUse("tenant-1", number, at(0));
                  return m;
                });

    assertThat(fixture.conversations().findByCanonical(number)).isPresent();
    assertThat(fixture.messages().findById(message.id())).isPresent();
    assertThat(fixture.tenantNumbers().numbersOf("tenant-1")).containsExactly(number);
  }

  @Test
  void a_failure_after_the_first_write_leaves_no_trace_of_it() {
    String number = Samples.e164();
    String sid = Samples.sid();

    assertThatThrownBy(
            () ->
                fixture
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          Conversation c =
                              fixture.conversations().upsert(Samples.conversation(number, at(0)));
                          fixture.messages().insert(Samples.inbound(c.id(), sid, at(0)));
                          throw new IllegalStateException("second write failed");
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("second write failed");

    assertThat(fixture.conversations().findByCanonical(number)).isEmpty();
    assertThat(fixture.messages().findBySid(sid)).isEmpty();
  }

  @Test
  void rollback_only_discards_the_writes_without_an_exception() {
    String number = Samples.e164();

    String result =
        fixture
            .unitOfWork()
            .inTransaction(
                tx -> {
                  fixture.conversations().upsert(Samples.conversation(number, at(0)));
                  tx.setRollbackOnly();
                  return "done";
                });

    assertThat(result).isEqualTo("done");
    assertThat(fixture.conversations().findByCanonical(number)).isEmpty();
  }

  @Test
  void after_commit_actions_run_after_a_commit_and_never_after_a_rollback() {
    List<String> ran = new ArrayList<>();

    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              tx.afterCommit(() -> ran.add("committed"));
              assertThat(ran).isEmpty();
              return null;
            });
    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              tx.afterCommit(() -> ran.add("rolled back"));
              tx.setRollbackOnly();
              return null;
            });
    try {
      fixture
          .unitOfWork()
          .inTransaction(
              tx -> {
                tx.afterCommit(() -> ran.add("failed"));
                throw new IllegalStateException("boom");
              });
    } catch (IllegalStateException expected) {
      // the action must not run
    }

    assertThat(ran).containsExactly("committed");
  }

  @Test
  void a_nested_unit_of_work_joins_the_outer_one() {
    String number = Samples.e164();

    fixture
        .unitOfWork()
        .inTransaction(
            outer -> {
              fixture
                  .unitOfWork()
                  .inTransaction(
                      inner -> fixture.conversations().upsert(Samples.conversation(number, at(0))));
              outer.setRollbackOnly();
              return null;
            });

    assertThat(fixture.conversations().findByCanonical(number)).isEmpty();
  }
}
