-- Tenants for TENANT_DIRECTORY=postgres: each with the phone numbers it is known by, written in
-- any format ("+1 (201) 555-0123", "2015550123", ...), as a JSON array of strings.

create table tenant_profiles (
    tenant_id           text  primary key,
    phone_numbers       jsonb not null default '[]',
    language_preference text,
    constraint tenant_profiles_phone_numbers_array_check
        check (jsonb_typeof(phone_numbers) = 'array')
);

-- The comparable form of every number in a profile: its digits without leading zeros, so that
-- "+1 (201) 555-0123", "1-201-555-0123" and "0012015550123" all become "12015550123" and
-- "(201) 555-0123" becomes "2015550123". Immutable, hence usable in an index.
create function sms_phone_digits(numbers jsonb) returns text[]
    language sql
    immutable
    parallel safe
    return array(
        select distinct ltrim(regexp_replace(number, '[^0-9]', '', 'g'), '0')
        from jsonb_array_elements_text(numbers) as number
        where ltrim(regexp_replace(number, '[^0-9]', '', 'g'), '0') <> ''
    );

-- The directory lookup: sms_phone_digits(phone_numbers) && <digits of the lookup variants>.
create index tenant_profiles_phone_digits_idx
    on tenant_profiles using gin (sms_phone_digits(phone_numbers));

-- Exact containment (phone_numbers @> '["+12015550123"]') for operators and other tools.
create index tenant_profiles_phone_numbers_idx
    on tenant_profiles using gin (phone_numbers jsonb_path_ops);
