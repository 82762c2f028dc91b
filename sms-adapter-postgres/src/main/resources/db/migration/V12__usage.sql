-- Usage: what each message cost and how long the service took with it, the index the usage
-- report reads, and the days whose segment threshold was announced.

-- inbound: from the request's arrival to the message's write; outbound: from the send request's
-- acceptance to Twilio's answer. Null for rows written before this migration.
alter table sms_messages add column processing_ms bigint;
-- as Twilio reports it once the message settled (charges are negative amounts), null until then
alter table sms_messages add column price numeric;
alter table sms_messages add column price_unit text;

-- The usage report scans a range of UTC days and reads only these columns: an index-only scan
-- over a month of messages, without touching the wide rows (bodies, raw webhook forms). The key is
-- the UTC time, not created_at itself: an index ordered by created_at lured the conversation
-- page (where conversation_id = ? order by created_at desc limit ?) away from its own index.
create index sms_messages_usage_idx
    on sms_messages ((created_at at time zone 'UTC'))
    include (created_at, conversation_id, direction, num_segments, delivery_status, processing_ms,
             price, price_unit);

-- One row per UTC day whose segments passed SMS_USAGE_ALERT_SEGMENTS_PER_DAY: the primary key
-- makes "announced once a day" hold across every instance.
create table sms_usage_alerts (
    day        date        primary key,
    segments   bigint      not null,
    threshold  bigint      not null,
    created_at timestamptz not null
);
