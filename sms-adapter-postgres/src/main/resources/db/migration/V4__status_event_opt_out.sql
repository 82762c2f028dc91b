-- Whether the provider said, in this status report, that the recipient unsubscribed. Kept with the
-- report so that a report held for a message not yet known still opts the recipient out when the
-- message appears. Additive, with a default, so that an older version keeps writing rows.

alter table sms_message_status_events
    add column recipient_opted_out boolean not null default false;
