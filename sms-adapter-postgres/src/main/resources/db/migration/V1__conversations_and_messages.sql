-- Conversations, messages, delivery-status history and what the service remembers about tenants.
-- Migrations only ever add (tables, nullable columns, indexes) so that two versions of the
-- service can run side by side on one database during a rolling deploy.

create table sms_conversations (
    id                     uuid        primary key,
    phone_number_canonical text        not null,
    phone_number_original  text        not null,
    phone_number_kind      text        not null default 'e164',
    tenant_id              text,
    workflow_type          text,
    workflow_id            text,
    language_detected      text        not null default 'unknown',
    language_confidence    numeric,
    opted_out              boolean     not null default false,
    last_message_at        timestamptz,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint sms_conversations_phone_number_canonical_key unique (phone_number_canonical)
);

-- The reconciliation task reads conversations without a tenant, oldest activity first.
create index sms_conversations_without_tenant_idx
    on sms_conversations (last_message_at, id)
    where tenant_id is null;

create table sms_messages (
    id                  uuid        primary key,
    conversation_id     uuid        not null references sms_conversations (id),
    direction           text        not null,
    twilio_sid          text,
    from_number         text,
    to_number           text,
    message_content     text        not null default '',
    num_segments        int         not null default 0,
    encoding            text,
    num_media           int         not null default 0,
    media               jsonb       not null default '[]',
    delivery_status     text        not null,
    error_code          text,
    error_message       text,
    language_detected   text,
    language_confidence numeric,
    raw_webhook_data    jsonb       not null default '{}',
    idempotency_key     text,
    request_fingerprint text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    constraint sms_messages_direction_check check (direction in ('inbound', 'outbound')),
    -- one row per Twilio MessageSid; NULL (an outbound message not yet accepted) may repeat
    constraint sms_messages_twilio_sid_key unique (twilio_sid),
    constraint sms_messages_idempotency_key_key unique (idempotency_key)
);

-- The conversation page: newest first, keyset pagination on (created_at, id).
create index sms_messages_conversation_page_idx
    on sms_messages (conversation_id, created_at desc, id desc);

create table sms_message_status_events (
    id               uuid        primary key,
    -- insertion order, to list events that share a created_at in the order they arrived
    seq              bigint      generated always as identity,
    message_id       uuid        references sms_messages (id),
    twilio_sid       text,
    event_status     text        not null,
    error_code       text,
    raw_webhook_data jsonb       not null default '{}',
    created_at       timestamptz not null,
    constraint sms_message_status_events_subject_check
        check (message_id is not null or twilio_sid is not null)
);

-- A status is recorded once per message, and once per SID while the message is unknown; these
-- two indexes make "duplicates are skipped" race-safe with INSERT ... ON CONFLICT DO NOTHING.
create unique index sms_message_status_events_message_status_key
    on sms_message_status_events (message_id, event_status)
    where message_id is not null;
create unique index sms_message_status_events_unattached_status_key
    on sms_message_status_events (twilio_sid, event_status)
    where message_id is null;
create index sms_message_status_events_sid_idx
    on sms_message_status_events (twilio_sid);

create table sms_tenant_phone_numbers (
    tenant_id              text        not null,
    phone_number_canonical text        not null,
    first_seen_at          timestamptz not null,
    last_used_at           timestamptz not null,
    primary key (tenant_id, phone_number_canonical)
);

create table sms_tenant_languages (
    tenant_id  text        primary key,
    language   text        not null,
    confidence numeric     not null,
    updated_at timestamptz not null
);
