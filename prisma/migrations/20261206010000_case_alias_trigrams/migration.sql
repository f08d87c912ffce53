-- Possible duplicates are found by every name of a case, its aliases too (lib/data/case-duplicates.ts):
-- a case recorded as "Lee Cheol-ho" with the alias "Ri Chol-ho" is a candidate for a new report of
-- "Ri Chol-ho". A trigram index over the aliases as one text finds them by word similarity, which is
-- never below the similarity to any one alias, so no alias that matches is missed.
-- The aliases are joined by spaces, where trigrams break, so each alias's trigrams stay together.
-- array_to_string is only STABLE (it calls the element type's output function), which an index
-- expression may not be; for text[] nothing can make it vary, hence this IMMUTABLE wrapper. It
-- names pg_catalog's function, so that no function of that name elsewhere on the path can stand in.
CREATE FUNCTION "case_alias_text"("aliases" TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.array_to_string("aliases", ' ') $$;

CREATE INDEX "cases_alias_text_trgm_idx" ON "cases" USING gin ("case_alias_text"("aliases") gin_trgm_ops);
