-- top-models on ClickHouse: the keys that can rank (at or above the cut-off without filters; the filters' models
-- otherwise).
    SELECT key FROM rollup_top_rows WHERE /* piece: clickhouse-snapshot-rows */
      AND downloads >= /* piece: top-models-cut-off */
      AND isNull($task) AND isNull($library) AND isNull($license) AND isNull($author)
    UNION ALL
    SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
      AND /* piece: top-models-cut-off */ = -1
      AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
      AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
      AND (isNull($license) OR lowerUTF8(license) = lowerUTF8($license))
      AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author))
