-- Voice calls: one row per Twilio CallSid, in the caller's conversation, with how the service
-- answered (so that a repeated webhook gets the same answer), the call's status and times, and the
-- webhook exactly as posted (JSONB and exact bytes, as for messages). Additive only.

create table sms_calls (
    id                   uuid        primary key,
    call_sid             text        not null,
    conversation_id      uuid        not null references sms_conversations (id),
    tenant_id            text,
    from_number          text,
    to_number            text,
    direction            text        not null,
    status               text        not null,
    -- how the call was answered: a dial (dialer, number, caller id, timeout) or, with no dialer,
    -- an announcement in announcement_language
    routed_dialer        text,
    routed_to            text,
    caller_id            text,
    dial_timeout_seconds int,
    announcement_language text,
    received_at          timestamptz not null,
    routed_at            timestamptz,
    answered_at          timestamptz,
    ended_at             timestamptz,
    duration_seconds     int,
    response_time_ms     bigint,
    raw_webhook_data     jsonb       not null default '{}',
    raw_webhook_body     bytea,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    constraint sms_calls_direction_check check (direction in ('inbound', 'outbound')),
    -- one row per Twilio CallSid: retries and the fallback URL insert nothing
    constraint sms_calls_call_sid_key unique (call_sid)
);

-- A conversation's calls, newest first, keyset pagination on (received_at, id).
create index sms_calls_conversation_page_idx
    on sms_calls (conversation_id, received_at desc, id desc);

create table sms_call_status_events (
    id               uuid        primary key,
    -- insertion order, to list events that share a created_at in the order they arrived
    seq              bigint      generated always as identity,
    call_id          uuid        not null references sms_calls (id),
    event_status     text        not null,
    duration_seconds int,
    raw_webhook_data jsonb       not null default '{}',
    raw_webhook_body bytea,
    created_at       timestamptz not null
);

create index sms_call_status_events_call_idx
    on sms_call_status_events (call_id, seq);
