-- Replies the service sent back through the webhook's answer, and rate limits shared by every
-- instance.

-- Why an outbound message was sent: null for a send through the API, 'compliance' or
-- 'auto_reply' for an answer to an inbound message (reply_to), by an auto-reply rule (reply_rule).
alter table sms_messages add column source text;
alter table sms_messages add column reply_to uuid;
alter table sms_messages add column reply_rule text;
-- An inbound message from a sender over its rate: stored, answered 200, but no replies and no
-- webhook deliveries.
alter table sms_messages add column throttled boolean not null default false;

-- The answers of a webhook, to answer a repeated webhook with the same TwiML.
create index sms_messages_reply_to_idx on sms_messages (reply_to) where reply_to is not null;

-- Token buckets: one row per key (a sender, an API key), refilled and taken from atomically.
create table sms_rate_buckets (
    key        text             primary key,
    tokens     double precision not null,
    allowed    boolean          not null,
    updated_at timestamptz      not null
);
