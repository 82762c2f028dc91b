-- Idempotency keys being processed right now, by any instance: a request claims its key here
-- before it looks at or stores the message, and deletes the claim when it has answered. A claim
-- left by an instance that died expires at claimed_until.
create table sms_idempotency_claims (
    key           text        primary key,
    owner         uuid        not null,
    claimed_until timestamptz not null
);
