-- Events for workflows: an outbox written in the same transaction as each change, the feed that
-- numbers committed events, webhook subscriptions and their deliveries.

create table sms_events (
    id              text        primary key,
    -- the order events were written in; identity values are handed out at insert and do not tell
    -- commit order, so they are never shown: consumers page by position
    seq             bigint      generated always as identity,
    -- the feed position, given only after the event's transaction committed (see the sequencer in
    -- PostgresEventStore); null until then
    position        bigint,
    type            text        not null,
    occurred_at     timestamptz not null,
    conversation_id uuid,
    tenant_id       text,
    workflow_type   text,
    throttled       boolean     not null default false,
    data            jsonb       not null,
    constraint sms_events_position_key unique (position)
);

-- The sequencer's work list: committed events still without a position, in write order.
create index sms_events_unpositioned_idx on sms_events (seq) where position is null;

-- The one row the sequencer counts positions on.
create table sms_event_positions (
    singleton      boolean primary key default true,
    last_position  bigint  not null,
    constraint sms_event_positions_singleton_check check (singleton)
);
insert into sms_event_positions (singleton, last_position) values (true, 0);

create table sms_subscriptions (
    id                    text        primary key,
    url                   text        not null,
    event_types           text[]      not null,
    workflow_types        text[]      not null default '{}',
    include_unknown       boolean     not null default false,
    description           text,
    enabled               boolean     not null default true,
    disabled_reason       text,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    failing_since         timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create table sms_event_deliveries (
    id                   text        primary key,
    subscription_id      text        not null references sms_subscriptions (id) on delete cascade,
    event_id             text        not null references sms_events (id),
    event_type           text        not null,
    status               text        not null,
    attempts             int         not null default 0,
    next_attempt_at      timestamptz,
    last_attempt_at      timestamptz,
    last_response_status int,
    last_error           text,
    delivered_at         timestamptz,
    created_at           timestamptz not null,
    constraint sms_event_deliveries_status_check
        check (status in ('pending', 'delivered', 'failed')),
    constraint sms_event_deliveries_event_key unique (subscription_id, event_id)
);

-- A subscription's deliveries, newest first (ids are time-ordered), optionally by status.
create index sms_event_deliveries_subscription_idx
    on sms_event_deliveries (subscription_id, id desc);

-- The oldest pending delivery, for the age gauge.
create index sms_event_deliveries_pending_idx
    on sms_event_deliveries (created_at) where status = 'pending';
