SELECT source, strftime(as_of, '%Y-%m-%d') AS asOf, id, canonical_slug AS canonicalSlug,
  hugging_face_id AS huggingFaceId, name
FROM usage_catalogue ORDER BY as_of DESC, source, id, canonical_slug NULLS FIRST
