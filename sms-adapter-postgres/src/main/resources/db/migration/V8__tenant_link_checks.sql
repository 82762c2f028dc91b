-- Tenant links that stay true. Additive only: the previous version keeps reading and writing the
-- columns it knows, and its reconciliation index (sms_conversations_without_tenant_idx) stays.
--
-- tenant_source:       who set the link (or, by hand, its absence): 'directory' or 'manual';
--                      null while nobody has (links made before this migration included)
-- tenant_checked_at:   when the directory last answered about the conversation's tenant
-- tenant_check_misses: "not found" answers in a row (the reconciliation waits longer after each)
-- tenant_recheck_at:   when a conversation without a tenant is due for its next lookup; null is due
alter table sms_conversations
    add column tenant_source       text,
    add column tenant_checked_at   timestamptz,
    add column tenant_check_misses int not null default 0,
    add column tenant_recheck_at   timestamptz,
    add constraint sms_conversations_tenant_source_check
        check (tenant_source in ('directory', 'manual'));

-- The reconciliation reads conversations without a tenant never checked first, then the least
-- recently checked, and stops at its batch size.
create index sms_conversations_tenant_check_idx
    on sms_conversations (tenant_checked_at nulls first, id)
    where tenant_id is null;

-- Every change of a conversation's tenant: first links, relinks and unlinks found by re-verifying
-- a link with the directory, and links set by hand.
create table sms_conversation_tenant_history (
    seq             bigint      generated always as identity primary key,
    conversation_id uuid        not null references sms_conversations (id),
    old_tenant_id   text,
    new_tenant_id   text,
    source          text        not null,
    created_at      timestamptz not null,
    constraint sms_conversation_tenant_history_source_check
        check (source in ('directory', 'manual'))
);

create index sms_conversation_tenant_history_conversation_idx
    on sms_conversation_tenant_history (conversation_id, seq);

-- Where the service learned a tenant's number: 'sms' (the tenant texted from it, or was linked
-- through it) or 'directory' (the directory listed it for a send to a tenant who never texted).
alter table sms_tenant_phone_numbers
    add column source text not null default 'sms';
