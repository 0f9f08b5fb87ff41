SELECT source, toString(a) AS asOf, id, canonical_slug AS canonicalSlug, hugging_face_id AS huggingFaceId, name
FROM (SELECT source, as_of AS a, id, canonical_slug, hugging_face_id, name FROM usage_catalogue)
ORDER BY a DESC, source, id, isNotNull(canonical_slug), canonical_slug
