-- The exact bytes of every webhook body, beside its JSONB form. JSONB and text cannot hold every
-- byte sequence a provider can sign (a NUL, bytes that are not UTF-8): the JSONB form holds them as
-- U+FFFD, the body column holds them exactly, and also keeps the form's parameter order, which JSONB
-- does not. Nullable: rows written before, and by an older version during a rolling deploy, have
-- none.

alter table sms_messages
    add column raw_webhook_body bytea;

alter table sms_message_status_events
    add column raw_webhook_body bytea;

-- Status reports whose message id (ours, from the callback URL) and provider message id name two
-- different messages: kept for an operator to look at, never part of a message's history, never
-- attached to a message, never applied.
create table sms_conflicting_status_events (
    id                  uuid        primary key,
    message_id          uuid        not null references sms_messages (id),
    twilio_sid          text        not null,
    event_status        text        not null,
    error_code          text,
    recipient_opted_out boolean     not null default false,
    raw_webhook_data    jsonb       not null default '{}',
    raw_webhook_body    bytea,
    created_at          timestamptz not null
);

create index sms_conflicting_status_events_message_idx
    on sms_conflicting_status_events (message_id, created_at);
