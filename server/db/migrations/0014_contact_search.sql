-- What the contact search box matches: name, e-mail, phone, the phone as bare digits ("7654 321" finds
-- +5917654321) and every attribute value (not the keys), one per line so a search never spans two.
CREATE FUNCTION contact_search_text(name text, email text, phone text, attributes jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(name, '') || E'\n' || coalesce(email, '') || E'\n' || coalesce(phone, '') || E'\n'
    || coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '') || E'\n'
    || coalesce(CASE WHEN jsonb_typeof(attributes) = 'object'
                     THEN (SELECT string_agg(value, E'\n') FROM jsonb_each_text(attributes)) END, '')
$$;--> statement-breakpoint
CREATE INDEX "contact_identities_external_trgm_idx" ON "contact_identities" USING gin ("external_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin (contact_search_text("name", "email", "phone", "attributes") gin_trgm_ops);